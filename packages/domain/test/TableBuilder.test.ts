import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as CodeList from "../src/CodeList.js";
import * as Sex from "../src/Sex.js";
import * as StatTable from "../src/StatTable.js";
import * as TableBuilder from "../src/TableBuilder.js";

const colours = CodeList.make("colour", {
  red: { nl: "Rood", en: "Red" },
  green: { nl: "Groen", en: "Green" },
  blue: { nl: "Blauw", en: "Blue" },
});
const colourTitle = { nl: "Kleur", en: "Colour" };
const category = (code: string, nl: string, en: string): StatTable.Category => ({ code, label: { nl, en } });
const colourAxis: StatTable.Axis = {
  id: "colour",
  title: colourTitle,
  categories: [category("red", "Rood", "Red"), category("green", "Groen", "Green"), category("blue", "Blauw", "Blue")],
};
const sizeAxis: StatTable.Axis = {
  id: "size",
  title: { nl: "Maat", en: "Size" },
  categories: [category("small", "Klein", "Small"), category("large", "Groot", "Large")],
};
const yearAxis: StatTable.Axis = {
  id: "year",
  title: { nl: "Jaar", en: "Year" },
  categories: [category("2025", "2025", "2025"), category("2026", "2026", "2026")],
};
const title = { nl: "Personen naar kleur", en: "Persons by colour" };

describe("TableBuilder: sums", () => {
  it("adds values, giving 0 for none", () => {
    expect(TableBuilder.sum([3, 0, 4, 12])).toBe(19);
    expect(TableBuilder.sum([])).toBe(0);
  });

  it("sums each column over the rows, a missing cell counting as 0", () => {
    expect(
      TableBuilder.columnSums(
        [
          [1, 2, 3],
          [10, 20, 30],
        ],
        3,
      ),
    ).toEqual([11, 22, 33]);
    expect(TableBuilder.columnSums([[1], [2, 5]], 2)).toEqual([3, 5]);
    expect(TableBuilder.columnSums([], 2)).toEqual([0, 0]);
  });
});

describe("TableBuilder: axes", () => {
  it("makes an axis of a code list named after the list, its codes in list order with their labels", () => {
    expect(TableBuilder.codeAxis(colours, colourTitle)).toEqual(colourAxis);
    expect(TableBuilder.codeCategories(Sex.codeList).map((category) => category.code)).toEqual([
      "female",
      "male",
      "x",
      "unknown",
    ]);
  });

  it("makes an axis of the categories given, in their order", () => {
    expect(TableBuilder.categoryAxis("size", sizeAxis.title, sizeAxis.categories)).toEqual(sizeAxis);
  });

  it("gives a one-way table a measure axis whose only category is the unit counted", () => {
    expect(TableBuilder.measureAxis("persons")).toEqual({
      id: "measure",
      title: { nl: "Maat", en: "Measure" },
      categories: [{ code: "persons", label: { nl: "Personen", en: "Persons" } }],
    });
    expect(TableBuilder.measureAxis("place_nights").categories).toEqual([
      { code: "place_nights", label: { nl: "Plaatsnachten", en: "Place-nights" } },
    ]);
    for (const unit of StatTable.Unit.literals) {
      const [category] = TableBuilder.measureAxis(unit).categories;
      expect(category.code).toBe(unit);
      expect(category.label.nl).not.toBe(category.label.en);
    }
  });
});

describe("TableBuilder: counting", () => {
  const persons: ReadonlyArray<{ readonly colours: ReadonlyArray<string>; readonly size: string }> = [
    { colours: ["red"], size: "small" },
    { colours: ["red", "blue", "red"], size: "large" },
    { colours: ["blue"], size: "large" },
    { colours: [], size: "small" },
    { colours: ["purple"], size: "small" },
  ];

  it("counts an item once under each distinct code it has, and not at all under codes outside the list", () => {
    expect(TableBuilder.countBy(colours.codes, persons, (person) => person.colours)).toEqual([2, 0, 2]);
    expect(TableBuilder.countBy(["large", "small"], persons, (person) => [person.size])).toEqual([2, 3]);
    expect(TableBuilder.countBy(colours.codes, [], () => ["red"])).toEqual([0, 0, 0]);
  });

  it("crosses rows by columns, an item in the row of each of its codes and in its one column", () => {
    expect(
      TableBuilder.crossCount(
        colours.codes,
        ["small", "large"],
        persons,
        (person) => person.colours,
        (person) => person.size,
      ),
    ).toEqual([
      [1, 1],
      [0, 0],
      [0, 2],
    ]);
  });
});

describe("TableBuilder: tables", () => {
  /** What a table is given and gives back unchanged, apart from its counts. */
  const headOf = (id: string, unit: StatTable.Unit, columns?: StatTable.Axis) => ({
    id,
    title,
    unit,
    rows: colourAxis,
    ...(columns === undefined ? {} : { columns }),
  });

  it("builds a one-way table whose totals are the units counted when the rows overlap", () => {
    const head = headOf("persons_by_colour", "persons");
    expect(TableBuilder.oneWayTable({ ...head, counts: [2, 0, 2], rowsAdd: false, total: 3 })).toEqual({
      ...head,
      columns: TableBuilder.measureAxis("persons"),
      cells: [[2], [0], [2]],
      columnTotals: [3],
      grandTotal: 3,
      rowsAdd: false,
      columnsAdd: true,
    });
  });

  it("builds an additive one-way table whose totals are the sum of its rows", () => {
    const head = headOf("reports_by_colour", "reports");
    expect(TableBuilder.additiveOneWayTable({ ...head, counts: [4, 1, 7] })).toEqual({
      ...head,
      columns: TableBuilder.measureAxis("reports"),
      cells: [[4], [1], [7]],
      columnTotals: [12],
      grandTotal: 12,
      rowsAdd: true,
      columnsAdd: true,
    });
  });

  it("builds an additive two-way table with row, column and grand totals", () => {
    const head = { ...headOf("persons_by_colour_and_size", "persons"), columns: sizeAxis };
    const cells = [
      [1, 2],
      [0, 5],
      [3, 0],
    ];
    expect(TableBuilder.additiveTwoWayTable({ ...head, cells })).toEqual({
      ...head,
      cells: [
        [1, 2],
        [0, 5],
        [3, 0],
      ],
      rowTotals: [3, 5, 3],
      columnTotals: [4, 7],
      grandTotal: 11,
      rowsAdd: true,
      columnsAdd: true,
    });
  });

  it("sets columns counted apart side by side, with the totals given and nothing summed across them", () => {
    const head = { ...headOf("persons_by_colour_year_on_year", "persons"), columns: yearAxis };
    const counts = [
      [2, 0, 2],
      [1, 4, 0],
    ];
    expect(TableBuilder.comparisonTable({ ...head, counts, rowsAdd: false, totals: [3, 4] })).toEqual({
      ...head,
      cells: [
        [2, 1],
        [0, 4],
        [2, 0],
      ],
      columnTotals: [3, 4],
      rowsAdd: false,
      columnsAdd: false,
    });
  });

  it("gives an additive comparison table the sums of its columns as column totals", () => {
    const head = { ...headOf("place_nights_by_colour", "place_nights"), columns: yearAxis };
    const counts = [
      [30, 0, 12],
      [25, 0, 3],
    ];
    expect(TableBuilder.additiveComparisonTable({ ...head, counts })).toEqual({
      ...head,
      cells: [
        [30, 25],
        [0, 0],
        [12, 3],
      ],
      columnTotals: [42, 28],
      rowsAdd: true,
      columnsAdd: false,
    });
  });

  it("builds additive tables that decode as CountTable and whose totals are the sums of their cells", () => {
    const decode = Schema.decodeUnknownSync(StatTable.CountTable);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 1000 }), { minLength: 2, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
        (cells) => {
          const table = TableBuilder.additiveTwoWayTable({
            ...headOf("persons_by_colour_and_size", "persons"),
            columns: sizeAxis,
            cells,
          });
          expect(decode(table)).toEqual(table);
          const total = TableBuilder.sum(cells.flat());
          expect(table.grandTotal).toBe(total);
          expect(TableBuilder.sum(table.rowTotals ?? [])).toBe(total);
          expect(TableBuilder.sum(table.columnTotals ?? [])).toBe(total);
          const oneWay = TableBuilder.additiveOneWayTable({
            ...headOf("persons_by_colour", "persons"),
            counts: table.rowTotals ?? [],
          });
          expect(decode(oneWay)).toEqual(oneWay);
          expect(oneWay.grandTotal).toBe(total);
        },
      ),
    );
  });
});
