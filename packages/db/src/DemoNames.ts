/**
 * Generic name parts for synthetic demo persons, grouped loosely by language area so that names plausibly match
 * nationalities. Combinations are invented; no entry describes a real person.
 */
export const namePools = {
  dutch: {
    given: ["Anna", "Sanne", "Lotte", "Eva", "Fleur", "Noa", "Daan", "Sem", "Lucas", "Milan", "Thijs", "Bram"],
    family: ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"],
  },
  easternEu: {
    given: ["Ana", "Ioana", "Elena", "Maria", "Andrei", "Ion", "Mihai", "Petar", "Ivana", "Katarzyna", "Piotr"],
    family: ["Popescu", "Ionescu", "Stoica", "Petrov", "Dimitrova", "Nowak", "Kowalska", "Horváth", "Szabó"],
  },
  westAfrica: {
    given: ["Blessing", "Joy", "Precious", "Favour", "Grace", "Esther", "Chinedu", "Emeka", "Tunde", "Osas"],
    family: ["Okafor", "Adeyemi", "Eze", "Obi", "Okonkwo", "Balogun", "Osagie", "Igbinedion", "Uwaifo"],
  },
  eastAfrica: {
    given: ["Aisha", "Amina", "Selam", "Hiwet", "Yonas", "Dawit", "Okello", "Nakato", "Achieng", "Semhar"],
    family: ["Tesfaye", "Haile", "Kidane", "Mebrahtu", "Okello", "Nansubuga", "Mugisha", "Tekle", "Asfaw"],
  },
  arabic: {
    given: ["Fatima", "Layla", "Nour", "Samira", "Yasmin", "Omar", "Youssef", "Karim", "Hassan", "Rania"],
    family: ["El Amrani", "Benali", "Haddad", "Al-Hassan", "Khoury", "Mansour", "Saleh", "Nasser", "Darwish"],
  },
  slavic: {
    given: ["Olena", "Iryna", "Natalia", "Oksana", "Yulia", "Dmytro", "Serhii", "Andrii", "Viktor", "Tetiana"],
    family: ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliinyk", "Melnyk", "Boyko"],
  },
  chinese: {
    given: ["Mei", "Xiu", "Li Na", "Yan", "Hui", "Wei", "Jun", "Hao", "Lei", "Fang"],
    family: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
  },
  vietnamese: {
    given: ["Lan", "Hoa", "Mai", "Thu", "Linh", "Minh", "Tuan", "Duc", "Nam", "Hung"],
    family: ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"],
  },
  portuguese: {
    given: ["Ana Clara", "Beatriz", "Larissa", "Juliana", "Camila", "João", "Pedro", "Rafael", "Lucas", "Thiago"],
    family: ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida", "Ferreira"],
  },
  filipino: {
    given: ["Maricel", "Jocelyn", "Rowena", "Lorna", "Analyn", "Jomar", "Rodel", "Jerome", "Mark Anthony"],
    family: ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Ramos", "Villanueva"],
  },
  turkish: {
    given: ["Elif", "Zeynep", "Ayşe", "Emine", "Mehmet", "Mustafa", "Emre", "Burak", "Hatice", "Murat"],
    family: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan"],
  },
} as const;

/** Which name pool fits a nationality. */
export const poolOf = (nationality: string): keyof typeof namePools => {
  switch (nationality) {
    case "NL":
    case "SR":
      return "dutch";
    case "RO":
    case "BG":
    case "PL":
    case "HU":
    case "LT":
    case "SK":
      return "easternEu";
    case "NG":
    case "GH":
    case "SL":
      return "westAfrica";
    case "ER":
    case "ET":
    case "UG":
      return "eastAfrica";
    case "MA":
    case "SY":
    case "EG":
      return "arabic";
    case "UA":
    case "MD":
      return "slavic";
    case "CN":
      return "chinese";
    case "VN":
      return "vietnamese";
    case "BR":
      return "portuguese";
    case "PH":
      return "filipino";
    case "TR":
      return "turkish";
    default:
      return "arabic";
  }
};

/** Dutch municipalities used as places of exploitation in the demo (place names, not personal data). */
export const municipalities = [
  "Amsterdam",
  "Rotterdam",
  "Den Haag",
  "Utrecht",
  "Eindhoven",
  "Groningen",
  "Tilburg",
  "Almere",
  "Breda",
  "Nijmegen",
  "Arnhem",
  "Haarlem",
  "Enschede",
  "Maastricht",
  "Zwolle",
  "Westland",
  "Venlo",
  "Leeuwarden",
] as const;
