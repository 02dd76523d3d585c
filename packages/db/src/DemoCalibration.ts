import type { Nationality, OrganisationKind } from "@comensha/domain";

/**
 * The published figures the synthetic demo follows, year by year from 2019 to 2024, with their sources. A figure
 * marked *assumed* was not found in a published source; it is set to fit the published ones around it and says why.
 * `docs/demo-data.md` lists every figure with its source.
 *
 * Sources (read 2026-12):
 * - [NRM-2024] Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen (2025), Annual Human Trafficking
 *   Figures 2024. https://www.dutchrapporteur.nl/latest/news/2025/10/16/annual-human-trafficking-figures-for-2024-number-of-underage-victims-of-criminal-exploitation-on-the-rise
 *   and ANP (2025-10-17), https://www.welingelichtekringen.nl/samenleving/nationaal-rapporteur-meer-minderjarigen-slachtoffer-mensenhandel
 * - [NJI] Nederlands Jeugdinstituut, Cijfers over mensenhandel (citing the Nationaal Rapporteur, 2021 and 2024
 *   editions). https://nji.nl/cijfers/mensenhandel
 * - [NRM-2016-2020] Nationaal Rapporteur (2021), Slachtoffermonitor mensenhandel 2016-2020, as reported by ANP,
 *   https://nieuws.nl/algemeen/20211207/helft-slachtoffers-mensenhandel-opnieuw-getroffen-door-misdrijf/
 * - [NRM-2017-2021] Nationaal Rapporteur (2022), Slachtoffers van mensenhandel in beeld bij CoMensha 2017-2021.
 *   https://www.nationaalrapporteur.nl/publicaties/publicaties/2022/10/18/slachtoffers-van-mensenhandel-in-beeld-bij-comensha-2017-2021
 * - [NRM-2022] Nationaal Rapporteur (2023), Jaarcijfers mensenhandel 2022, as reported by NOS/NH Nieuws,
 *   https://www.nhnieuws.nl/nieuws/n130039/mensenhandelrapporteur-aantal-oekraiense-slachtoffers-mensenhandel-neemt-toe
 *   and FairWork, https://www.fairwork.nu/2023/10/18/reactie-fairwork-op-de-jaarcijfers-van-de-nationaal-rapporteur-mensenhandel/
 * - [NRM-2023] Nationaal Rapporteur (2024), Jaarcijfers mensenhandel 2023, as reported by NH Nieuws,
 *   https://www.nhnieuws.nl/nieuws/n165987/meer-buitenlandse-slachtoffers-van-mensenhandel-in-thuisprostitutie
 * - [NRM-labour] Nationaal Rapporteur (2021), labour exploitation registrations 2019 and 2020, as reported by NH
 *   Nieuws, https://www.nhnieuws.nl/nieuws/n54255/meldingen-arbeidsuitbuiting-met-70-procent-toegenomen
 * - [CoMensha-2020] CoMensha (2021), Het beeld van 2020: aard en omvang.
 *   https://publicaties.comensha.nl/het_beeld_van_2020/aard_en_omvang
 * - [CoMensha-2021] CoMensha (2022), figures for 2021 as reported by de Volkskrant,
 *   https://www.volkskrant.nl/nieuws-achtergrond/daling-in-meldingen-van-mensenhandel-minder-zicht-op-uitbuiting-en-gedwongen-prostitutie~b780a33e/
 * - [CoMensha-2024] CoMensha (2025), Het beeld van 2024, Verdieping III: Aanmelders.
 *   https://publicaties.comensha.nl/het_beeld_van_2024/verdieping_3
 * - [GRETA-2023] Council of Europe GRETA, third evaluation report on the Netherlands (2023), as reported by ANP,
 *   https://nltimes.nl/2023/11/09/netherlands-must-fight-human-trafficking-council-europe
 * - [FairWork-2020] FairWork (2021), Wie klopten aan bij FairWork in 2020?
 *   https://www.fairwork.nu/2021/06/03/wie-klopten-aan-bij-fairwork-in-2020/
 * - [NRM-Dadermonitor] Nationaal Rapporteur (2021), Arbeidsuitbuiting (from the Dadermonitor mensenhandel
 *   2015-2019): victims of labour exploitation are 64% men, 4% Dutch.
 *   https://5dok.net/document/yr31564v-arbeidsuitbuiting-nationaal-rapporteur-mensenhandel-seksueel-geweld-kinderen.html
 * - [EC-NL] European Commission, Together against trafficking in human beings: Netherlands (citing the
 *   Slachtoffermonitor mensenhandel 2013-2017: 72% women). https://ec.europa.eu/anti-trafficking/member-states/Netherlands
 */

type Kind = OrganisationKind.OrganisationKind;

/** The years with published figures; a year before or after takes the nearest one's figures. */
export const calibratedYears = [2019, 2020, 2021, 2022, 2023, 2024] as const;
export type CalibratedYear = (typeof calibratedYears)[number];

/** The calibrated year whose figures `year` follows: `year` itself from 2019 to 2024, else the nearest of them. */
export const calibratedYearOf = (year: number): CalibratedYear =>
  year <= 2019 ? 2019 : year >= 2024 ? 2024 : (year as CalibratedYear);

/**
 * Possible victims reported to CoMensha in a year, as the National Rapporteur counts them: 1,334 in 2019 and 984 in
 * 2020 [NRM-2016-2020], 791 in 2021 [NRM-2017-2021], 814 in 2022 [NRM-2022], 868 in 2023 [NJI] and 944 in 2024
 * [NRM-2024]. (CoMensha's own annual reports count 1,372 in 2019 and 1,013 in 2020 [CoMensha-2020].)
 */
export const reportedPersons: { readonly [Y in CalibratedYear]: number } = {
  2019: 1334,
  2020: 984,
  2021: 791,
  2022: 814,
  2023: 868,
  2024: 944,
};

/** Shares as a table, `{ female: 57, male: 40 }`: weights, not necessarily adding up to 100. */
export type Shares<T extends string> = { readonly [K in T]?: number };

/** Weights of the exploitation forms, given to the generator's per-sex and per-nationality-group table. */
export interface FormTilt {
  readonly sexual: number;
  readonly labour: number;
  readonly criminal: number;
}

/** What the demo's new persons and their reports look like in one year. */
export interface YearProfile {
  /** The share of women and girls among the persons (the rest men and boys, 2% `x` or unknown). */
  readonly femaleShare: number;
  /** The share of minors when first reported. */
  readonly minorShare: number;
  /** The share aged 18 to 22 when first reported. */
  readonly youngShare: number;
  /** The nationalities, by weight. */
  readonly nationalities: Shares<Nationality.Nationality>;
  /** Multipliers on the generator's base weights of the forms for adults. */
  readonly formTilt: FormTilt;
  /** The forms of minors, by weight. */
  readonly minorForms: Shares<"sexual" | "labour" | "criminal" | "unknown">;
  /** Who reports a case that involves labour exploitation, and who reports any other case. */
  readonly reporters: { readonly labour: Shares<Kind>; readonly other: Shares<Kind> };
}

/**
 * Minors by form, 2019-2023 together: 231 sexual, 83 criminal, 18 labour and 45 unknown of the 373 whose form is
 * known [NJI]. In 2024 most reported minors were exploited in crime: 42 of 79, up from 13 in 2023 [NRM-2024].
 */
const minorForms2019To2023 = { sexual: 231, criminal: 83, labour: 18, unknown: 45 };

/**
 * The nationalities before the Ukrainians and Latin Americans of 2022 on. In 2020 the most frequent were Polish
 * (190 of 1,013), Nigerian (185) and Dutch (155) [CoMensha-2020]; the other weights are *assumed*, in the order
 * the National Rapporteur's monitors name them (Romania, Bulgaria, Hungary; Uganda, Vietnam).
 */
const nationalities2020: Shares<Nationality.Nationality> = {
  NL: 15.3,
  PL: 18.8,
  NG: 18.3,
  RO: 7,
  BG: 3,
  HU: 3,
  LT: 1,
  SK: 1,
  UA: 1,
  UG: 4,
  ER: 2,
  GH: 1.5,
  MA: 2,
  SY: 2,
  CN: 2,
  VN: 3,
  BR: 1.5,
  CO: 1,
  VE: 0.5,
  PH: 2,
  TR: 1.5,
  SR: 1.5,
  stateless: 1.5,
  unknown: 3,
};

/** Police and care coordinators: what they report besides labour cases, and the rest of the reporters. */
const otherReporters = (shares: Shares<Kind>): Shares<Kind> => ({
  ngo: 2,
  shelter: 1.5,
  youth_care: 1,
  lawyer: 1,
  municipality: 1,
  immigration_service: 1,
  other: 0.5,
  ...shares,
});

/**
 * The demo's year profiles. Reporter shares are shares of reports (aanmeldingen): in 2023 the police made 34.5%,
 * care coordinators 29.9%, FairWork 22.3%, KMar 4.8% and the Labour Inspectorate (NLA) 3.2%; in 2024 31.0%, 28.3%,
 * 24.2%, 6.3% and 6.7% [CoMensha-2024]. The police made 490 reports in 2020 and 310 in 2021 [CoMensha-2021].
 * Labour exploitation was reported for 261 persons in 2019 and 449 in 2020, "mostly the extra reports through
 * FairWork" [NRM-labour]; CoMensha counted 41% sexual and 41% labour exploitation in 2020 [CoMensha-2020].
 */
export const yearProfiles: { readonly [Y in CalibratedYear]: YearProfile } = {
  2019: {
    // Assumed: the share of women between 72% (2013-2017 [EC-NL]) and 2020's, before the
    // rise of labour exploitation; minors between 24% (2016) and 15% (2020) [NJI].
    femaleShare: 0.7,
    minorShare: 0.15,
    youngShare: 0.16,
    // Assumed: more African victims of sexual exploitation abroad than in 2020, which the Rapporteur gives as one
    // reason for the rise of 2019; fewer Poles before FairWork's labour reports of 2020.
    nationalities: { ...nationalities2020, NL: 19, PL: 7, NG: 20, UG: 7, ER: 3, GH: 2.5 },
    // Labour exploitation for 261 of 1,334 persons (20%) [NRM-labour]; the rest mostly sexual (assumed).
    formTilt: { sexual: 1.25, labour: 0.45, criminal: 1.1 },
    minorForms: minorForms2019To2023,
    // Assumed: the police's share above 2020's 48%, FairWork's small before 2020 (FairWork saw 184 clients with
    // signals of trafficking in 2019 and 412 in 2020 [FairWork-2020]).
    reporters: {
      labour: otherReporters({ police: 32, kmar: 6, labour_inspectorate: 20, care_coordination: 8, fairwork: 30 }),
      other: otherReporters({ police: 56, kmar: 10, labour_inspectorate: 0.5, care_coordination: 20, fairwork: 0.5 }),
    },
  },
  2020: {
    // Assumed: fewer women as labour exploitation (64% men [NRM-Dadermonitor]) rose to 41%; GRETA counts 60%
    // women, 30% men and 10% children over 2018-2022 [GRETA-2023].
    femaleShare: 0.6,
    // The National Rapporteur gives 152 minors (about 15%) for 2020 [NJI].
    minorShare: 0.15,
    youngShare: 0.15,
    nationalities: nationalities2020,
    // 41% sexual, 41% labour [CoMensha-2020]; 449 of 984 persons with labour exploitation [NRM-labour].
    formTilt: { sexual: 0.75, labour: 1.45, criminal: 0.7 },
    minorForms: minorForms2019To2023,
    // The police made 490 of the 1,013 reports (48%) [CoMensha-2021]; FairWork most of the extra labour reports.
    reporters: {
      labour: otherReporters({ police: 26, kmar: 2, labour_inspectorate: 10, care_coordination: 8, fairwork: 52 }),
      other: otherReporters({ police: 70, kmar: 5, labour_inspectorate: 0.5, care_coordination: 18, fairwork: 0.5 }),
    },
  },
  2021: {
    // Assumed: most reports were of sexual exploitation again [NRM-2017-2021]; women and minors between 2020 and
    // 2023.
    femaleShare: 0.64,
    minorShare: 0.11,
    youngShare: 0.15,
    nationalities: { ...nationalities2020, NL: 18, PL: 12, NG: 15, UA: 0.9 },
    formTilt: { sexual: 1.05, labour: 0.95, criminal: 0.9 },
    minorForms: minorForms2019To2023,
    // The police made 310 of the 791 reports (39%) [CoMensha-2021].
    reporters: {
      labour: otherReporters({ police: 20, kmar: 2, labour_inspectorate: 10, care_coordination: 10, fairwork: 55 }),
      other: otherReporters({ police: 55, kmar: 5, labour_inspectorate: 0.5, care_coordination: 32, fairwork: 0.5 }),
    },
  },
  2022: {
    femaleShare: 0.6,
    minorShare: 0.08,
    youngShare: 0.15,
    // 51 Ukrainians of 814 (6.3%), up from 7 in 2021, nearly all labour exploitation reported by FairWork
    // [NRM-2022]; 119 African and 26 Latin American victims of sexual exploitation [NRM-2023].
    nationalities: { ...nationalities2020, NL: 18, PL: 11, NG: 12, UA: 6.3, BR: 1, CO: 1.2, VE: 1 },
    formTilt: { sexual: 1, labour: 1.1, criminal: 0.9 },
    minorForms: minorForms2019To2023,
    // KMar reported 86 persons in 2018 and 6 in 2022 [NRM-2022]; the rest assumed between 2021 and 2023.
    reporters: {
      labour: otherReporters({ police: 14, kmar: 0.5, labour_inspectorate: 8, care_coordination: 12, fairwork: 62 }),
      other: otherReporters({ police: 55, kmar: 1, labour_inspectorate: 0.5, care_coordination: 38, fairwork: 0.5 }),
    },
  },
  2023: {
    femaleShare: 0.62,
    // 52 minors and 130 aged 18-22 of 868 [NJI].
    minorShare: 0.06,
    youngShare: 0.15,
    // 178 African (up from 119) and 68 Latin American (up from 26) victims of sexual exploitation [NRM-2023].
    nationalities: { ...nationalities2020, NL: 19, PL: 10, NG: 15, UG: 5, GH: 2.5, UA: 6, BR: 2, CO: 3, VE: 3 },
    formTilt: { sexual: 1.05, labour: 1, criminal: 0.9 },
    minorForms: minorForms2019To2023,
    reporters: {
      labour: otherReporters({ police: 12, kmar: 3, labour_inspectorate: 8, care_coordination: 12, fairwork: 69 }),
      other: otherReporters({ police: 52, kmar: 6, labour_inspectorate: 0.5, care_coordination: 43, fairwork: 0.5 }),
    },
  },
  2024: {
    femaleShare: 0.6,
    // 79 minors of 944 (8.4%), 52% more than in 2023 [NRM-2024].
    minorShare: 0.084,
    youngShare: 0.15,
    // More Ukrainians, mostly labour exploitation, and again more Latin American victims of sexual exploitation
    // [NRM-2024]; the weights are assumed.
    nationalities: { ...nationalities2020, NL: 20, PL: 10, NG: 13, UG: 5, GH: 2.5, UA: 8, BR: 2, CO: 4, VE: 4 },
    formTilt: { sexual: 1, labour: 1.05, criminal: 1.1 },
    minorForms: { sexual: 30, criminal: 42, labour: 2, unknown: 5 },
    reporters: {
      labour: otherReporters({ police: 10, kmar: 3, labour_inspectorate: 23, care_coordination: 10, fairwork: 90 }),
      other: otherReporters({ police: 48, kmar: 9, labour_inspectorate: 0.5, care_coordination: 46, fairwork: 0.5 }),
    },
  },
};
