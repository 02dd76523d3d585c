import type { Nationality, PoliceRegion } from "@comensha/domain";

/** A set of generic name parts from one language area: given names by sex, and family names. */
export interface NamePool {
  readonly female: ReadonlyArray<string>;
  readonly male: ReadonlyArray<string>;
  readonly family: ReadonlyArray<string>;
  /** Whether people from this area often write the family name first, so reporters swap the order. */
  readonly familyFirst: boolean;
}

/**
 * Generic name parts for synthetic demo persons, grouped loosely by language area so that names plausibly match
 * nationalities. Only common first names and common family names appear, and the demo combines them at random: no
 * combination describes a real person.
 */
export const namePools = {
  dutch: {
    female: ["Anna", "Sanne", "Lotte", "Eva", "Fleur", "Noa", "Iris", "Sophie", "Shanice", "Naomi"],
    male: ["Daan", "Sem", "Lucas", "Milan", "Thijs", "Bram", "Jayden", "Kevin", "Dylan", "Ruben"],
    family: ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"],
    familyFirst: false,
  },
  easternEu: {
    female: ["Ana", "Ioana", "Elena", "Maria", "Ivana", "Katarzyna", "Zsófia", "Daniela", "Gergana", "Agnieszka"],
    male: ["Andrei", "Ion", "Mihai", "Petar", "Piotr", "Tomasz", "László", "Gheorghe", "Marius", "Dimitar"],
    family: ["Popescu", "Ionescu", "Stoica", "Petrov", "Dimitrov", "Nowak", "Kowalski", "Horváth", "Szabó", "Radu"],
    familyFirst: false,
  },
  westAfrica: {
    female: ["Blessing", "Joy", "Precious", "Favour", "Grace", "Esther", "Gift", "Mercy", "Osarugue", "Adaeze"],
    male: ["Chinedu", "Emeka", "Tunde", "Osas", "Kwame", "Samuel", "Ikenna", "Yaw", "Godwin", "Daniel"],
    family: ["Okafor", "Adeyemi", "Eze", "Obi", "Okonkwo", "Balogun", "Osagie", "Mensah", "Uwaifo", "Asante"],
    familyFirst: false,
  },
  eastAfrica: {
    female: ["Aisha", "Amina", "Selam", "Hiwet", "Nakato", "Achieng", "Semhar", "Helen", "Saba", "Winnie"],
    male: ["Yonas", "Dawit", "Okello", "Tesfay", "Robert", "Mugisha", "Filmon", "Henok", "Brian", "Isaac"],
    family: ["Tesfaye", "Haile", "Kidane", "Mebrahtu", "Okello", "Nansubuga", "Mugisha", "Tekle", "Asfaw", "Ssali"],
    familyFirst: false,
  },
  arabic: {
    female: ["Fatima", "Layla", "Nour", "Samira", "Yasmin", "Rania", "Salma", "Hiba", "Khadija", "Imane"],
    male: ["Omar", "Youssef", "Karim", "Hassan", "Ahmed", "Mohamed", "Bilal", "Rachid", "Tarek", "Anas"],
    family: ["El Amrani", "Benali", "Haddad", "Al-Hassan", "Khoury", "Mansour", "Saleh", "Nasser", "Darwish", "Alaoui"],
    familyFirst: false,
  },
  slavic: {
    female: ["Olena", "Iryna", "Natalia", "Oksana", "Yulia", "Tetiana", "Svitlana", "Kateryna", "Anastasiia", "Olha"],
    male: ["Dmytro", "Serhii", "Andrii", "Viktor", "Oleksandr", "Mykola", "Vasyl", "Yurii", "Bohdan", "Ihor"],
    family: ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliinyk", "Melnyk", "Boyko"],
    familyFirst: false,
  },
  chinese: {
    female: ["Mei", "Xiu Ying", "Li Na", "Yan", "Hui", "Fang", "Jing", "Xiao Hong", "Ling", "Yu"],
    male: ["Wei", "Jun", "Hao", "Lei", "Jian", "Qiang", "Ming", "Tao", "Bo", "Zhi Hao"],
    family: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
    familyFirst: true,
  },
  vietnamese: {
    female: ["Thi Lan", "Thi Hoa", "Thi Mai", "Thu", "Linh", "Ngoc Anh", "Huong", "Thi Trang", "Phuong", "Hanh"],
    male: ["Van Minh", "Van Tuan", "Duc", "Van Nam", "Hung", "Quang", "Van Long", "Thanh", "Khanh", "Van Hai"],
    family: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"],
    familyFirst: true,
  },
  portuguese: {
    female: ["Ana Clara", "Beatriz", "Larissa", "Juliana", "Camila", "Fernanda", "Letícia", "Gabriela", "Vitória"],
    male: ["João", "Pedro", "Rafael", "Lucas", "Thiago", "Gustavo", "Matheus", "Felipe", "André"],
    family: ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida", "Conceição"],
    familyFirst: false,
  },
  latinAmerican: {
    female: ["María José", "Valentina", "Yuliana", "Andrea", "Carolina", "Paola", "Daniela", "Luisa", "Mariana"],
    male: ["José", "Luis", "Carlos", "Andrés", "Juan Pablo", "Miguel", "Jorge", "Alejandro", "Diego"],
    family: ["González", "Rodríguez", "Martínez", "Hernández", "Pérez", "Gómez", "Díaz", "Ramírez", "Torres"],
    familyFirst: false,
  },
  filipino: {
    female: ["Maricel", "Jocelyn", "Rowena", "Lorna", "Analyn", "Marites", "Rosalie", "Jennylyn", "Cristina"],
    male: ["Jomar", "Rodel", "Jerome", "Mark Anthony", "Ramon", "Reynaldo", "Jun", "Arnel", "Christian"],
    family: ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Ramos", "Villanueva"],
    familyFirst: false,
  },
  turkish: {
    female: ["Elif", "Zeynep", "Ayşe", "Emine", "Hatice", "Merve", "Büşra", "Esra", "Gül"],
    male: ["Mehmet", "Mustafa", "Emre", "Burak", "Murat", "Ömer", "Hüseyin", "Serkan", "Kemal"],
    family: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan"],
    familyFirst: false,
  },
} as const satisfies Record<string, NamePool>;

/** The language area of a name pool. */
export type NamePoolKey = keyof typeof namePools;

/**
 * The name pools that fit a nationality, most fitting first; empty when the nationality says nothing about names
 * (`unknown`).
 */
export const poolsOf = (nationality: Nationality.Nationality): ReadonlyArray<NamePoolKey> => {
  switch (nationality) {
    case "NL":
      return ["dutch", "dutch", "dutch", "arabic", "turkish"];
    case "SR":
      return ["dutch"];
    case "RO":
    case "BG":
    case "PL":
    case "HU":
    case "LT":
    case "SK":
      return ["easternEu"];
    case "NG":
    case "GH":
      return ["westAfrica"];
    case "ER":
    case "UG":
      return ["eastAfrica"];
    case "MA":
    case "SY":
      return ["arabic"];
    case "stateless":
      return ["arabic", "eastAfrica"];
    case "UA":
      return ["slavic"];
    case "CN":
      return ["chinese"];
    case "VN":
      return ["vietnamese"];
    case "BR":
      return ["portuguese"];
    case "CO":
    case "VE":
      return ["latinAmerican"];
    case "PH":
      return ["filipino"];
    case "TR":
      return ["turkish"];
    default:
      return [];
  }
};

/** The regional police units with a territory, that is all but the National Unit. */
export type TerritorialRegion = Exclude<PoliceRegion.PoliceRegion, "landelijke_eenheid">;

/**
 * Dutch municipalities per regional police unit, used as places of exploitation in the demo (place names, not
 * personal data).
 */
export const municipalitiesByRegion: { readonly [R in TerritorialRegion]: ReadonlyArray<string> } = {
  noord_nederland: ["Groningen", "Leeuwarden", "Assen", "Emmen"],
  oost_nederland: ["Enschede", "Zwolle", "Arnhem", "Nijmegen", "Apeldoorn"],
  midden_nederland: ["Utrecht", "Amersfoort", "Almere", "Lelystad"],
  noord_holland: ["Haarlem", "Alkmaar", "Zaanstad", "Den Helder"],
  amsterdam: ["Amsterdam", "Amstelveen", "Diemen"],
  den_haag: ["Den Haag", "Leiden", "Zoetermeer", "Westland", "Delft"],
  rotterdam: ["Rotterdam", "Dordrecht", "Schiedam", "Vlaardingen"],
  zeeland_west_brabant: ["Breda", "Tilburg", "Roosendaal", "Bergen op Zoom", "Middelburg"],
  oost_brabant: ["Eindhoven", "'s-Hertogenbosch", "Helmond", "Oss"],
  limburg: ["Maastricht", "Venlo", "Heerlen", "Roermond"],
};
