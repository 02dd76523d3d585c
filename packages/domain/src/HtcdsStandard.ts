import { Schema } from "effect";
import * as Country from "./Country.js";

/**
 * Where the Human Trafficking Case Data Standard (HTCDS) 2.0 of the International Organization for Migration was taken
 * from. The field list and code lists of this module are copied from that document; `docs/standards/htcds-2.0` keeps
 * them as CSV with the script that extracted them, and a test holds this module to those files.
 */
export const htcdsSource = {
  repository: "https://github.com/UNMigration/HTCDS",
  path: "HTCDS Field Standards 2.0.ods",
  commit: "3c2f6537cd76c3305975aa5eef7a1bf26fe20a30",
  version: "2.0",
  licence: "CC BY 4.0",
} as const;

/** Whether a picklist field holds one code or several (a "Multiselect Picklist" in the standard). */
export const Selection = Schema.Literals(["single", "multi"]);
export type Selection = typeof Selection.Type;

/**
 * The separator of the codes of a multi-select value, as in `ForcedLabour;SexualExploitation`. The field standard
 * does not say how several values are written in one cell; the standard's own Excel toolkit does ("The semi-colon is
 * used as the delimeter", `Toolkit/Excel/README.md`), and so do Salesforce multi-select picklists, which the standard
 * is modelled on. Codes are separated by the semicolon alone, without spaces.
 */
export const htcdsMultiSeparator = ";";

/** A closed list of codes of the standard (its "Value Names"), each with its label (its "Value Labels"). */
export interface Picklist<Code extends string> {
  /** The name of the list: the field that defines it, or `Country` or `Checkbox` for the lists several fields use. */
  readonly name: string;
  readonly codes: readonly [Code, ...Array<Code>];
  readonly labels: { readonly [K in Code]: string };
  /** Decodes exactly the codes of this list. */
  readonly schema: Schema.Literals<readonly [Code, ...Array<Code>]>;
}

const picklist = <const Labels extends { readonly [code: string]: string }>(
  name: string,
  labels: Labels,
): Picklist<Extract<keyof Labels, string>> => {
  type Code = Extract<keyof Labels, string>;
  const [first, ...rest] = Object.keys(labels) as Array<Code>;
  if (first === undefined) throw new Error(`Picklist "${name}" has no codes`);
  const codes: readonly [Code, ...Array<Code>] = Object.freeze([first, ...rest]);
  return { name, codes, labels: Object.freeze({ ...labels }), schema: Schema.Literals(codes) };
};

/**
 * The code lists of HTCDS 2.0, by name, each with its codes in the standard's order. Codes and labels are the
 * standard's "Value Names" and "Value Labels", trimmed of the spaces a few of them carry in the document, and
 * otherwise spelt as the standard spells them (`Unaquainted` included).
 *
 * Two lists are named by the field standard but listed only in its toolkit (`Toolkit/Survey/htcds_xlsform.xml`):
 * `Country`, for the fields that "Use ISO 3166 country codes standard", which the toolkit fills with the ISO 3166-1
 * alpha-2 codes; and `Checkbox`, the values `TRUE` and `FALSE` the toolkit gives the checkbox `con_Consent`. The
 * toolkit's country codes are exactly those of {@link Country.codeList}, so that list is used (with its own labels).
 */
export const codeLists = {
  Country: {
    name: "Country",
    codes: Country.codeList.codes,
    labels: Object.freeze(
      Object.fromEntries(Country.codeList.codes.map((code) => [code, Country.codeList.label(code, "en")])),
    ) as { readonly [K in Country.CountryCode]: string },
    schema: Country.CountryCode,
  } satisfies Picklist<Country.CountryCode>,
  Checkbox: picklist("Checkbox", {
    TRUE: "Yes",
    FALSE: "No",
  }),
  cas_ReasonForIncomingReferral: picklist("cas_ReasonForIncomingReferral", {
    AdditionalServicesRequired: "Additional Services Required",
    MigrationOrChangeOfLocation: "Migration or Change of Location",
    Other: "Other",
  }),
  cas_ReasonForOutgoingReferral: picklist("cas_ReasonForOutgoingReferral", {
    AdditionalServicesRequired: "Additional Services Required",
    MigrationOrChangeOfLocation: "Migration or Change of Location",
    Other: "Other",
  }),
  cas_Status: picklist("cas_Status", {
    Active: "Active",
    FollowUp: "Follow Up",
    Closed: "Closed",
    ClosedReferred: "Closed Referred",
  }),
  hte_Type: picklist("hte_Type", {
    Recruitment: "Recruitment",
    Transit: "Transit",
    Exploitation: "Exploitation",
  }),
  org_Type: picklist("org_Type", {
    NGO: "NGO",
    LawEnforcement: "Law Enforcement",
    HealthServiceOrganisation: "Health Service Organisation",
    CentralGovernmentOrganisation: "Central Government Organisation",
    LocalGovernmentOrganisation: "Local Government Organisation",
    ImmigrationService: "Immigration Service",
    LegalService: "Legal Service",
    CorporateBusiness: "Corporate Business",
    SchoolOrCollege: "School or College",
  }),
  per_RoleInProcess: picklist("per_RoleInProcess", {
    TravellingPartner: "Travelling Partner",
    Transporter: "Transporter",
    RecruiterOrIntermediary: "Recruiter Or Intermediary",
    BrokerTravelAgent: "Broker Travel Agent",
    TransferredIndividual: "Transferred Individual",
    HarbouredIndividual: "Harboured Individual",
    SoldIndividual: "Sold Individual",
    BoughtIndividual: "Bought Individual",
    ReceivedIndividual: "Received Individual",
    ControlledIndividual: "Controlled Individual",
    Smuggler: "Smuggler",
    Abuser: "Abuser",
    Kidnapper: "Kidnapper",
    Exploiter: "Exploiter",
    Other: "Other",
  }),
  prs_Gender: picklist("prs_Gender", {
    Feminine: "Feminine",
    Masculine: "Masculine",
    TransgenderFeminine: "Transgender Feminine",
    TransgenderMasculine: "Transgender Masculine",
    NonConforming: "Non-Conforming",
    NonSpecifiedUnknown: "Not Specified/Unknown",
  }),
  prs_HighestLevelOfEducation: picklist("prs_HighestLevelOfEducation", {
    EarlyChildhoodEducation: "Early Childhood Education",
    PrimaryEducation: "Primary Education",
    LowerSecondaryEducation: "Lower Secondary Education",
    UpperSecondaryEducation: "Upper Secondary Education",
    PostSecondaryNonTertiaryEducation: "Post-secondary Non-tertiary Education",
    ShortCycleTertiaryEducation: "Short-cycle Tertiary Education",
    BachelorsOrEquivalentLevel: "Bachelor’s or Equivalent Level",
    MastersOrEquivalentLevel: "Master’s or Equivalent Level",
    DoctoralOrEquivalentLevel: "Doctoral or Equivalent Level",
  }),
  prs_MaritalStatus: picklist("prs_MaritalStatus", {
    Single: "Single",
    Married: "Married",
    Widowed: "Widowed",
    Divorced: "Divorced",
    Separated: "Separated",
    RegisteredPartnership: "Registered Partnership",
  }),
  spl_Type: picklist("spl_Type", {
    Education: "Education",
    Financial: "Financial",
    Health: "Health",
    LabourExploitationRehabilitation: "Labour Exploitation Rehabilitation",
    Legal: "Legal",
    Livelihood: "Livelihood",
    RightsBasedTraining: "Rights-based Training",
    SexualExploitationRehabilitation: "Sexual Exploitation Rehabilitation",
    SocialCare: "Social Care",
  }),
  vic_ExploitationWebsitesAndApps: picklist("vic_ExploitationWebsitesAndApps", {
    Facebook: "Facebook",
    Instagram: "Instagram",
    WhatsApp: "WhatsApp",
    Telegram: "Telegram",
    FacebookMessenger: "Facebook Messenger",
    Viber: "Viber",
    SnapChat: "SnapChat",
    Line: "Line",
    "4Sale": "4Sale",
    WeChat: "WeChat",
    QQ: "QQ",
    QZone: "QZone",
    TikTok: "TikTok",
    Twitter: "Twitter",
    Other: "Other",
  }),
  vic_ForcedLabourIndustry: picklist("vic_ForcedLabourIndustry", {
    A_AgricultureForestryAndFishing: "Agriculture, forestry and fishing",
    B_MiningAndQuarrying: "Mining and quarrying",
    C_Manufacturing: "Manufacturing",
    D_ElectricityGasSteamAndAirConditioningSupply: "Electricity, gas, steam and air conditioning supply",
    E_WaterSupplySewerageWasteManagement: "Water supply; sewerage, waste management and remediation",
    F_Construction: "Construction",
    G_WholesaleAndRetailTradeRepairOfMotorVehicles:
      "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    H_TransportationAndStorage: "Transportation and storage",
    I_AccommodationAndFoodServiceActivities: "Accommodation and food service activities",
    J_InformationAndCommunication: "Information and communication",
    K_FinancialAndInsuranceActivities: "Financial and insurance activities",
    L_RealEstateActivities: "Real estate activities",
    M_ProfessionalScientificAndTechnicalActivities: "Professional, scientific and technical activities",
    N_AdministrativeAndSupportServiceActivities: "Administrative and support service activities",
    O_PublicAdministrationAndDefence: "Public administration and defence; compulsory social security",
    P_Education: "Education",
    Q_HumanHealthAndSocialWorkActivities: "Human health and social work activities",
    R_ArtsEntertainmentAndRecreation: "Arts, entertainment and recreation",
    S_OtherServiceActivities: "Other service activities",
    T_ActivitiesOfHouseholdsAsEmployers:
      "Activities of households as employers; undifferentiated goods- and services- producing activities of households for own use",
    U_ActivitiesOfExtraterritorialOrganizations: "Activities of extraterritorial organizations and bodies",
  }),
  vic_MethodOfRecruitment: picklist("vic_MethodOfRecruitment", {
    AtAPlaceOfBusiness: "At a place of business",
    AtAnEducationalInstitution: "At an educational institution",
    AtWork: "At work",
    ThroughOnlineSocialNetworks: "Through online social networks",
    ThroughAnOnlineAdvertisement: "Through an online advertisement",
    ThroughATelevisionAdvert: "Through a television advert",
    ThroughANewspaperAdvert: "Through a newspaper advert",
    ThroughFamilyOrFamilyEvents: "Through family or family events",
    ThroughFriendsOrSocialEvents: "Through friends or social events",
    Other: "Other",
  }),
  vic_MethodsOfControl: picklist("vic_MethodsOfControl", {
    PhysicalThreats: "Physical threats",
    ThreatsLawEnforcement: "Threats of law enforcement",
    ThreatensChildrenFamily: "Threatens children/family",
    DebtBondage: "Debt bondage",
    FalsePromises: "False promises",
    PhysicalAbuse: "Physical abuse",
    SexualAbuse: "Sexual abuse",
    TakesEarnings: "Takes earnings",
    RestrictsFinancialAccess: "Restricts financial access",
    RestrictsMedicalCare: "Restricts medical care",
    WithholdsNecessities: "Withholds necessities",
    PsychologicalAbuse: "Psychological abuse",
    PsychoactiveSubstance: "Psychoactive substance",
    ExcessiveWorkingHours: "Excessive working hours",
    WithholdsDocuments: "Withholds documents",
    Other: "Other",
  }),
  vic_RecruitmentWebsitesAndApps: picklist("vic_RecruitmentWebsitesAndApps", {
    Facebook: "Facebook",
    Instagram: "Instagram",
    WhatsApp: "WhatsApp",
    Telegram: "Telegram",
    FacebookMessenger: "Facebook Messenger",
    Viber: "Viber",
    SnapChat: "SnapChat",
    Line: "Line",
    "4Sale": "4Sale",
    WeChat: "WeChat",
    QQ: "QQ",
    QZone: "QZone",
    TikTok: "TikTok",
    Twitter: "Twitter",
    Other: "Other",
  }),
  vic_RelationshipToTrafficker: picklist("vic_RelationshipToTrafficker", {
    Familial: "Familial",
    Acquainted: "Acquainted",
    Unaquainted: "Unaquainted",
  }),
  vic_TraffickingStatus: picklist("vic_TraffickingStatus", {
    PossibleVictimOfTrafficking: "Possible victim of trafficking",
    ActualVictimOfTrafficking: "Actual victim of trafficking",
    NotAVictimOfTrafficking: "Not a victim of trafficking",
  }),
  vic_TraffickingStatusDecisionMakingOrg: picklist("vic_TraffickingStatusDecisionMakingOrg", {
    Police: "Police",
    NGO: "NGO",
    CourtOrProsecution: "Court or prosecution",
    NonPoliceGovernmentalOrganization: "Non-police governmental organization",
    Other: "Other",
  }),
  vic_TypeOfExploitation: picklist("vic_TypeOfExploitation", {
    ForcedLabour: "Forced labour",
    SexualExploitation: "Sexual exploitation",
    ChildLabour: "Child labour",
    ForcedMarriage: "Forced marriage",
    Servitude: "Servitude",
    ForcedMilitaryByNonStateActors: "Forced military (by non-state actors)",
    OrganRemoval: "Organ removal",
    ForcedBegging: "Forced begging",
    ForcedAdoption: "Forced adoption",
    Surrogacy: "Surrogacy",
    Other: "Other",
  }),
  vic_TypeOfSexExploitation: picklist("vic_TypeOfSexExploitation", {
    Prostitution: "Prostitution",
    Pornography: "Pornography",
    RemoteInteractiveServices: "Remote Interactive Services",
    PrivateSexualServices: "Private Sexual Services",
  }),
  vic_Vulnerabilities: picklist("vic_Vulnerabilities", {
    Addiction: "Addiction",
    SocialGroup: "Social Group",
    Discrimination: "Discrimination",
    Poverty: "Poverty",
    DisabilityAndPhysicalHealth: "Disability and physical health",
    MentalHealth: "Mental health",
    Migration: "Migration",
    Homelessness: "Homelessness",
    AbuseSocialMedia: "Abuse - social media",
    AbusePhysical: "Abuse - physical",
    Education: "Education",
    WorkEnvironment: "Work environment",
  }),
} as const;

/** The name of a code list of HTCDS 2.0. */
export type CodeListName = keyof typeof codeLists;

/** One field of the standard, as its field list ("Field_Standards" sheet) describes it. */
export interface HtcdsFieldDefinition {
  /** The field name including its prefix (`prs_` person, `vic_` victim context, `cas_` case, `hte_` historic event...). */
  readonly name: string;
  readonly section: string;
  /** `DRAFT` is the status of every current field of 2.0; `DEPRECATED` fields are kept in the document but retired. */
  readonly status: "DRAFT" | "DEPRECATED";
  /** The standard's field type: `Text`, `Picklist`, `Multiselect Picklist`, `Checkbox`, `Date`, `Number`... */
  readonly type: string;
  readonly selection?: Selection;
  readonly codeList?: CodeListName;
}

const fieldList = [
  { name: "org_Name", section: "Organization", status: "DRAFT", type: "Text" },
  { name: "org_ShippingCity", section: "Organization", status: "DRAFT", type: "Text" },
  {
    name: "org_ShippingCountry",
    section: "Organization",
    status: "DRAFT",
    type: "Picklist or Text",
    selection: "single",
    codeList: "Country",
  },
  { name: "org_ShippingState", section: "Organization", status: "DRAFT", type: "Picklist or Text" },
  { name: "org_ShippingStreet", section: "Organization", status: "DRAFT", type: "Text" },
  { name: "org_ShippingPostalCode", section: "Organization", status: "DRAFT", type: "Text" },
  { name: "org_ShippingLongitude", section: "Organization", status: "DRAFT", type: "Geolocation" },
  { name: "org_ShippingLatitude", section: "Organization", status: "DRAFT", type: "Geolocation" },
  { name: "org_Phone", section: "Organization", status: "DRAFT", type: "Text" },
  {
    name: "org_Type",
    section: "Organization",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "org_Type",
  },
  { name: "prs_Salutation", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_FirstName", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_MiddleName", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_SecondName", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_Birthdate", section: "Person", status: "DRAFT", type: "Date" },
  {
    name: "prs_Gender",
    section: "Person",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "prs_Gender",
  },
  {
    name: "prs_Deceased",
    section: "Person",
    status: "DRAFT",
    type: "Checkbox",
    selection: "single",
    codeList: "Checkbox",
  },
  {
    name: "prs_MaritalStatus",
    section: "Person",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "prs_MaritalStatus",
  },
  { name: "prs_NumberOfChildren", section: "Person", status: "DRAFT", type: "Number" },
  { name: "prs_PrimaryLanguage", section: "Person", status: "DRAFT", type: "Picklist" },
  { name: "prs_SecondaryLanguage", section: "Person", status: "DRAFT", type: "Picklist" },
  {
    name: "prs_HighestLevelOfEducation",
    section: "Person",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "prs_HighestLevelOfEducation",
  },
  {
    name: "prs_Citizenship",
    section: "Person",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "Country",
  },
  { name: "prs_IdentityNumber", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_Title", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_Email", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_HomePhone", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_MobilePhone", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_MailingCity", section: "Person", status: "DRAFT", type: "Text" },
  {
    name: "prs_MailingCountry",
    section: "Person",
    status: "DRAFT",
    type: "Text",
    selection: "single",
    codeList: "Country",
  },
  { name: "prs_MailingState", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_MailingStreet", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_MailingPostalCode", section: "Person", status: "DRAFT", type: "Text" },
  { name: "prs_MailingLongitude", section: "Person", status: "DRAFT", type: "Number" },
  { name: "prs_MailingLatitude", section: "Person", status: "DRAFT", type: "Number" },
  {
    name: "vic_AgreementToManagePersonalData",
    section: "Person - Victim Context",
    status: "DEPRECATED",
    type: "Checkbox",
    selection: "single",
    codeList: "Checkbox",
  },
  {
    name: "vic_TraffickingStatus",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "vic_TraffickingStatus",
  },
  {
    name: "vic_TraffickingStatusDecisionMakingOrg",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "vic_TraffickingStatusDecisionMakingOrg",
  },
  {
    name: "vic_RelationshipToTrafficker",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "vic_RelationshipToTrafficker",
  },
  { name: "vic_AgeWhenTrafficked", section: "Person - Victim Context", status: "DRAFT", type: "Number" },
  {
    name: "vic_RecruitmentWebsitesAndApps",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "vic_RecruitmentWebsitesAndApps",
  },
  {
    name: "vic_MethodOfRecruitment",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "vic_MethodOfRecruitment",
  },
  {
    name: "vic_LocationOfRecruitment",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Lookup [to organisation]",
  },
  {
    name: "vic_MethodsOfControl",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "vic_MethodsOfControl",
  },
  {
    name: "vic_TypeOfExploitation",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "vic_TypeOfExploitation",
  },
  {
    name: "vic_ForcedLabourIndustry",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "vic_ForcedLabourIndustry",
  },
  {
    name: "vic_TypeOfSexExploitation",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "vic_TypeOfSexExploitation",
  },
  {
    name: "vic_LocationOfExploitation",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Lookup [to organisation]",
  },
  {
    name: "vic_ExploitationWebsitesAndApps",
    section: "Person - Victim Context",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "vic_ExploitationWebsitesAndApps",
  },
  {
    name: "vic_Vulnerabilities",
    section: "Person - Victim Context",
    status: "DEPRECATED",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "vic_Vulnerabilities",
  },
  { name: "vic_DetailsOfVulnerabilities", section: "Person - Victim Context", status: "DEPRECATED", type: "Long Text" },
  {
    name: "per_RoleInProcess",
    section: "Person - Perpetrator Context",
    status: "DRAFT",
    type: "Multiselect Picklist",
    selection: "multi",
    codeList: "per_RoleInProcess",
  },
  { name: "per_RoleDetails", section: "Person - Perpetrator Context", status: "DRAFT", type: "Long Text" },
  { name: "per_Organisation", section: "Person - Perpetrator Context", status: "DRAFT", type: "" },
  {
    name: "cas_Status",
    section: "Case",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "cas_Status",
  },
  { name: "cas_ReasonForCaseClosure", section: "Case", status: "DRAFT", type: "Long Text" },
  { name: "cas_CaseOwner", section: "Case", status: "DRAFT", type: "Lookup [to user]" },
  { name: "cas_ReferringOrganisation", section: "Referral Details", status: "DRAFT", type: "Lookup [to organisation]" },
  { name: "cas_IncomingReferralDate", section: "Referral Details", status: "DRAFT", type: "Date" },
  { name: "cas_ReferringPrimaryCaseWorker", section: "Referral Details", status: "DRAFT", type: "Lookup [to person]" },
  {
    name: "cas_ReasonForIncomingReferral",
    section: "Referral Details",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "cas_ReasonForIncomingReferral",
  },
  { name: "cas_IncomingReferralDetails", section: "Referral Details", status: "DRAFT", type: "Long Text" },
  { name: "cas_ReferredOrganisation", section: "Referral Details", status: "DRAFT", type: "Lookup [to organisation]" },
  { name: "cas_ReferredPrimaryCaseWorker", section: "Referral Details", status: "DRAFT", type: "Lookup [to person]" },
  {
    name: "cas_ReasonForOutgoingReferral",
    section: "Referral Details",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "cas_ReasonForOutgoingReferral",
  },
  { name: "cas_OutgoingReferralDate", section: "Referral Details", status: "DRAFT", type: "Date" },
  { name: "cas_OutgoingReferralDetails", section: "Referral Details", status: "DRAFT", type: "Long Text" },
  { name: "cco_CaseComment", section: "Case Comment", status: "DRAFT", type: "Long Text" },
  { name: "hte_Longitude", section: "Historic Trafficking Events", status: "DRAFT", type: "Geolocation" },
  { name: "hte_Latitude", section: "Historic Trafficking Events", status: "DRAFT", type: "Geolocation" },
  { name: "hte_City", section: "Historic Trafficking Events", status: "DRAFT", type: "Text" },
  { name: "hte_Country", section: "Historic Trafficking Events", status: "DRAFT", type: "Text" },
  { name: "hte_State", section: "Historic Trafficking Events", status: "DRAFT", type: "Text" },
  { name: "hte_Street", section: "Historic Trafficking Events", status: "DRAFT", type: "Text" },
  { name: "hte_PostalCode", section: "Historic Trafficking Events", status: "DRAFT", type: "Text" },
  { name: "hte_Date", section: "Historic Trafficking Events", status: "DRAFT", type: "Date" },
  {
    name: "hte_Type",
    section: "Historic Trafficking Events",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "hte_Type",
  },
  { name: "hte_Description", section: "Historic Trafficking Events", status: "DRAFT", type: "Long Text" },
  { name: "spl_Objectives", section: "Support Plan", status: "DRAFT", type: "Long Text" },
  { name: "spl_ActionPlan", section: "Support Plan", status: "DRAFT", type: "Long Text" },
  { name: "spl_PlannedEndDate", section: "Support Plan", status: "DRAFT", type: "Date" },
  { name: "spl_ActualEndDate", section: "Support Plan", status: "DRAFT", type: "Date" },
  {
    name: "spl_Type",
    section: "Support Plan",
    status: "DRAFT",
    type: "Picklist",
    selection: "single",
    codeList: "spl_Type",
  },
  {
    name: "con_Consent",
    section: "Consent",
    status: "DRAFT",
    type: "Checkbox",
    selection: "single",
    codeList: "Checkbox",
  },
] as const satisfies ReadonlyArray<HtcdsFieldDefinition>;

/** The name of a field of HTCDS 2.0, prefix included. */
export type HtcdsFieldName = (typeof fieldList)[number]["name"];

/** Every field of HTCDS 2.0, deprecated ones included, in the standard's order. */
export const htcdsFields: ReadonlyArray<HtcdsFieldDefinition & { readonly name: HtcdsFieldName }> = fieldList;

/**
 * Constraints of CoMensha's export beyond the standard: `hte_Country`, the country of a historic trafficking event,
 * is free `Text` in the standard; the export fills it with ISO 3166-1 alpha-2 codes like the standard's other country
 * fields, and {@link htcdsViolations} holds it to them.
 */
export const htcdsProfileCodeLists: { readonly [F in HtcdsFieldName]?: CodeListName } = { hte_Country: "Country" };

/**
 * `prs_Gender`: "the individual's expression or condition of being male, female, both or neither" (HTCDS 2.0). A
 * gender, not a sex: `Feminine`, `Masculine`, `TransgenderFeminine`, `TransgenderMasculine`, `NonConforming`,
 * `NonSpecifiedUnknown`.
 */
export const Gender = codeLists.prs_Gender.schema;
export type Gender = typeof Gender.Type;

/**
 * One code of `prs_Citizenship`, a multi-select of ISO 3166-1 alpha-2 codes. The standard has no code for a stateless
 * person or an unknown citizenship: an unknown citizenship is an empty value, statelessness needs an extension field.
 */
export const Citizenship = codeLists.Country.schema;
export type Citizenship = typeof Citizenship.Type;

/**
 * One code of `vic_TypeOfExploitation` (multi-select). The standard has codes for forced begging (`ForcedBegging`),
 * organ removal (`OrganRemoval`) and forced marriage (`ForcedMarriage`), but none for criminal activity.
 */
export const TypeOfExploitation = codeLists.vic_TypeOfExploitation.schema;
export type TypeOfExploitation = typeof TypeOfExploitation.Type;

/** `vic_TraffickingStatus`: possible, actual, or not a victim of trafficking. */
export const TraffickingStatus = codeLists.vic_TraffickingStatus.schema;
export type TraffickingStatus = typeof TraffickingStatus.Type;

/** `cas_Status`, the status of a case: `Active`, `FollowUp`, `Closed`, `ClosedReferred`. */
export const CaseStatus = codeLists.cas_Status.schema;
export type CaseStatus = typeof CaseStatus.Type;

/** `hte_Type`, what happened at a historic trafficking event: `Recruitment`, `Transit` or `Exploitation`. */
export const HistoricEventType = codeLists.hte_Type.schema;
export type HistoricEventType = typeof HistoricEventType.Type;

/** `con_Consent`, a checkbox, written `TRUE` or `FALSE` as in the standard's toolkit. */
export const Consent = codeLists.Checkbox.schema;
export type Consent = typeof Consent.Type;

/**
 * A field the standard lacks that an export declares, such as `ext_AgeBand` or `ext_RegistrationYear`. Its name
 * starts with `ext_`, so that it can never be taken for a field of the standard. With `codes`, its values are held to
 * them (several per value when `selection` is `multi`); without, any value is accepted.
 */
export const HtcdsExtensionField = Schema.Struct({
  name: Schema.String,
  codes: Schema.optionalKey(Schema.Array(Schema.String)),
  selection: Schema.optionalKey(Selection),
});
export type HtcdsExtensionField = typeof HtcdsExtensionField.Type;

/** What {@link htcdsViolations} accepts beyond the standard. */
export const HtcdsValidationOptions = Schema.Struct({
  extensions: Schema.optionalKey(Schema.Array(HtcdsExtensionField)),
});
export type HtcdsValidationOptions = typeof HtcdsValidationOptions.Type;

interface Rule {
  readonly codes?: ReadonlyArray<string>;
  readonly listName: string;
  readonly selection: Selection;
}

const fieldsByName: ReadonlyMap<string, (typeof htcdsFields)[number]> = new Map(
  htcdsFields.map((field) => [field.name, field]),
);

const unprefixed = (name: string): string => name.replace(/^[a-z]{3}_/, "").toLowerCase();

const suggestionFor = (name: string): string => {
  const near = fieldList.find((field) => field.status === "DRAFT" && unprefixed(field.name) === unprefixed(name));
  return near === undefined ? "" : `; did you mean "${near.name}"?`;
};

const ruleOfStandardField = (field: (typeof htcdsFields)[number]): Rule | undefined => {
  const name = field.codeList ?? htcdsProfileCodeLists[field.name];
  if (name === undefined) return undefined;
  return { codes: codeLists[name].codes, listName: name, selection: field.selection ?? "single" };
};

const describeList = (rule: Rule & { readonly codes: ReadonlyArray<string> }): string =>
  rule.codes.length <= 25
    ? `${rule.listName} (${rule.codes.join(", ")})`
    : `${rule.listName} (${rule.codes.length} codes)`;

const valueViolations = (where: string, value: string, rule: Rule): Array<string> => {
  const { codes } = rule;
  if (codes === undefined || value === "") return [];
  const list = describeList({ ...rule, codes });
  if (rule.selection === "single") {
    if (codes.includes(value)) return [];
    if (value.includes(htcdsMultiSeparator)) return [`${where}: "${value}" holds several values; the field takes one`];
    return [`${where}: "${value}" is not a code of ${list}`];
  }
  const parts = value.split(htcdsMultiSeparator);
  const violations: Array<string> = [];
  if (parts.includes("")) {
    violations.push(`${where}: "${value}" has an empty code; separate codes by "${htcdsMultiSeparator}" alone`);
  }
  for (const part of new Set(parts)) {
    if (part === "") continue;
    if (!codes.includes(part)) violations.push(`${where}: "${value}" holds "${part}", which is not a code of ${list}`);
    else if (parts.indexOf(part) !== parts.lastIndexOf(part))
      violations.push(`${where}: "${value}" names "${part}" twice`);
  }
  return violations;
};

/**
 * The ways a table of records breaks HTCDS 2.0, as sentences for people; empty when it follows the standard.
 *
 * `fields` are the column names and each record holds one value per column. A column is a violation when its name is
 * not a field of the standard (unless `options.extensions` declares it), when the field is deprecated, or when it
 * repeats another column. A value is a violation when it is not a code of its field's list, or, for a multi-select
 * field, when any of its {@link htcdsMultiSeparator}-separated codes is not, is empty or is repeated. An empty value is
 * a value not provided, which the standard allows for every field. Fields without a code list (text, dates, numbers)
 * and codes of ISO 639-2 languages are not checked.
 */
export const htcdsViolations = (
  fields: ReadonlyArray<string>,
  records: ReadonlyArray<ReadonlyArray<string>>,
  options: HtcdsValidationOptions = {},
): ReadonlyArray<string> => {
  const violations: Array<string> = [];
  const extensions = new Map<string, HtcdsExtensionField>();
  for (const extension of options.extensions ?? []) {
    if (!/^ext_[A-Za-z0-9]+$/.test(extension.name)) {
      violations.push(`extension "${extension.name}" must be named ext_ followed by letters and digits`);
    } else {
      extensions.set(extension.name, extension);
    }
  }

  const rules: Array<Rule | undefined> = [];
  const seen = new Map<string, number>();
  fields.forEach((name, index) => {
    const column = `column ${index + 1} "${name}"`;
    const earlier = seen.get(name);
    if (earlier !== undefined) violations.push(`${column} repeats column ${earlier}`);
    else seen.set(name, index + 1);
    const standard = fieldsByName.get(name);
    const extension = extensions.get(name);
    if (standard !== undefined) {
      if (standard.status === "DEPRECATED") violations.push(`${column} is deprecated in HTCDS 2.0`);
      rules.push(ruleOfStandardField(standard));
    } else if (extension !== undefined) {
      rules.push(
        extension.codes === undefined
          ? undefined
          : { codes: extension.codes, listName: extension.name, selection: extension.selection ?? "single" },
      );
    } else {
      violations.push(`${column} is not a field of HTCDS 2.0 nor a declared extension${suggestionFor(name)}`);
      rules.push(undefined);
    }
  });

  records.forEach((record, index) => {
    if (record.length !== fields.length) {
      violations.push(`record ${index + 1} has ${record.length} values for ${fields.length} fields`);
    }
    record.forEach((value, column) => {
      const rule = rules[column];
      if (rule !== undefined)
        violations.push(...valueViolations(`record ${index + 1}, ${fields[column]}`, value, rule));
    });
  });
  return violations;
};
