// Word lists for the demo region. Invented names; phone numbers are Ofcom's drama range
// (01632 960xxx) and web addresses use example.org, so nothing here reaches a real person.
import type { CategorySlug, DeliveryMode, PriceUnit } from "../app/directory/vocabulary";

export const surnames = ["Ahmed", "Armitage", "Atkinson", "Bailey", "Begum", "Booth", "Bottomley", "Brook", "Clarke",
  "Crowther", "Dawson", "Ellis", "Firth", "Greenwood", "Haigh", "Hirst", "Holroyd", "Hussain", "Jagger", "Kaur",
  "Kowalski", "Lister", "Marsden", "Mitchell", "Nowak", "Patel", "Priestley", "Ramsden", "Shaw", "Singh", "Sugden",
  "Sutcliffe", "Thornton", "Walsh", "Whiteley", "Wood"];
export const firstNames = ["Aisha", "Amir", "Beth", "Carol", "Dan", "Debbie", "Fatima", "Gemma", "Hannah", "Imran",
  "Jade", "Janet", "Kasia", "Lee", "Mandy", "Nadia", "Pat", "Priya", "Rob", "Sam", "Shaun", "Tariq", "Tracey", "Zainab"];
export const qualities = ["Kind", "Bright", "Golden", "Open", "Steady", "Willow", "Heather", "Oak", "Rose",
  "Riverside", "Moorland", "Dales", "Pennine", "Wolds", "Minster"];
export const saints = ["Mary", "John", "Paul", "Michael", "Peter", "Anne", "Hilda", "Aidan", "Chad", "Wilfrid"];

type NameTemplate = (p: { town: string; area: string; surname: string; first: string; quality: string; saint: string }) => string;
export const organisationNames: Record<string, NameTemplate[]> = {
  provider: [
    (p) => `${p.surname} Care Services`, (p) => `${p.town} Home Care`, (p) => `${p.quality} Care`,
    (p) => `${p.quality} Support Services`, (p) => `Yorkshire ${p.quality} Care`, (p) => `${p.area} Community Care`,
    (p) => `${p.quality} Hands Support`, (p) => `${p.surname} & ${p.first} Support Ltd`,
  ],
  "micro-enterprise": [
    (p) => `${p.first}'s Home Help`, (p) => `${p.first} ${p.surname} Support`, (p) => `${p.first}'s Companions`,
    (p) => `${p.town} Helping Hand`, (p) => `${p.quality} Days with ${p.first}`, (p) => `${p.first}'s Mobile Hair and Care`,
  ],
  "community-group": [
    (p) => `${p.town} Friendship Club`, (p) => `Friends of ${p.town} Park`, (p) => `${p.town} Community Centre`,
    (p) => `${p.town} Men's Shed`, (p) => `${p.town} Lunch Club`, (p) => `St ${p.saint}'s Community Group`,
    (p) => `${p.town} Good Neighbours`,
  ],
  "user-led": [
    (p) => `${p.town} Disability Forum`, (p) => `${p.area} People First`, (p) => `${p.town} Centre for Independent Living`,
    (p) => `${p.area} Deaf Community Association`,
  ],
  "peer-network": [
    (p) => `${p.area} Direct Payment Users' Network`, (p) => `${p.town} Carers' Network`, (p) => `${p.area} Autism Peer Network`,
    (p) => `${p.town} Mental Health Peer Network`,
  ],
};

type PriceRule = { unit: PriceUnit; min: number; max: number; weight: number };
type CategoryWords = {
  titles: string[];
  sentences: string[];
  delivery: DeliveryMode[];
  prices: PriceRule[];
  /** Share of services in this category offered free by community groups and peer networks. */
  freeShare: number;
  hours: [string, string][];
};

export const audiences = ["older people", "adults with learning disabilities", "autistic adults", "people living with dementia",
  "young adults", "carers", "people with sight loss", "Deaf people", "people with mental health needs", "disabled adults"];

export const categoryWords: Record<CategorySlug, CategoryWords> = {
  "personal-care": {
    titles: ["Home care visits", "Personal care at home", "Morning and evening calls", "Live-in care", "Overnight support", "Personal assistant support"],
    sentences: ["Help with getting up, washing, dressing and going to bed, at times that suit you.",
      "Our carers help with medicines, meals and personal care, and we keep the same small team so you know who is coming.",
      "We plan each visit with you and your family and write down what matters to you."],
    delivery: ["home"], freeShare: 0, hours: [["07:00", "22:00"], ["08:00", "20:00"]],
    prices: [{ unit: "hour", min: 1800, max: 2600, weight: 1 }],
  },
  "help-at-home": {
    titles: ["Cleaning and tidying", "Shopping and errands", "Meal preparation", "Gardening help", "Laundry and ironing", "Home help"],
    sentences: ["Practical help around the house: cleaning, shopping, laundry, cooking and small jobs.",
      "We can take you shopping or do it for you, and help keep your garden tidy.",
      "Friendly, reliable home help from local people."],
    delivery: ["home"], freeShare: 0.05, hours: [["09:00", "17:00"], ["08:30", "16:30"]],
    prices: [{ unit: "hour", min: 1500, max: 2200, weight: 1 }],
  },
  "day-activities": {
    titles: ["Day centre", "Community day service", "Life skills sessions", "Day opportunities", "Allotment project", "Cookery club"],
    sentences: ["Activities in the day with support: cooking, gardening, crafts, trips out and making friends.",
      "Learn new skills, try new things and be part of your community.",
      "Transport can be arranged, and we support people with personal care during the day."],
    delivery: ["community"], freeShare: 0.2, hours: [["09:30", "15:30"], ["10:00", "14:00"]],
    prices: [{ unit: "day", min: 3500, max: 6500, weight: 2 }, { unit: "session", min: 1200, max: 2500, weight: 1 }],
  },
  "short-breaks": {
    titles: ["Short breaks at the coast", "Respite weekends", "Shared Lives short stays", "Holiday breaks with support", "Overnight respite"],
    sentences: ["A short break away from home with the support you need, and a rest for the people who care for you.",
      "Stay with a trained Shared Lives carer and their family for a night, a weekend or a week.",
      "Accessible rooms, trips out and support day and night."],
    delivery: ["community"], freeShare: 0, hours: [["00:00", "23:59"]],
    prices: [{ unit: "day", min: 9000, max: 18000, weight: 2 }, { unit: "week", min: 45000, max: 95000, weight: 1 }],
  },
  befriending: {
    titles: ["Befriending service", "Telephone befriending", "Friendship visits", "Befriending and outings", "Walk and talk befriending"],
    sentences: ["A friendly volunteer visits every week for a chat, a cup of tea or a trip out, so you feel less lonely and isolated.",
      "Regular phone calls from someone who cares, for companionship and a friendly voice.",
      "We match you with a befriender who shares your interests."],
    delivery: ["home", "community", "online"], freeShare: 0.7, hours: [["10:00", "16:00"], ["13:00", "19:00"]],
    prices: [{ unit: "hour", min: 1000, max: 1600, weight: 1 }],
  },
  "peer-support": {
    titles: ["Peer support group", "Carers' peer support", "Mental health peer support", "Autism peer group", "Direct payment users' meet-up"],
    sentences: ["Meet people who have been through the same things and share what works.",
      "A welcoming group run by and for people with lived experience.",
      "Talk about managing a personal budget, employing personal assistants and getting the support you want."],
    delivery: ["community", "online"], freeShare: 0.8, hours: [["18:00", "20:00"], ["10:30", "12:30"]],
    prices: [{ unit: "session", min: 300, max: 600, weight: 1 }],
  },
  "employment-support": {
    titles: ["Supported employment", "Job coaching", "Volunteering placements", "CV and interview help", "Work experience programme"],
    sentences: ["A job coach helps you find work you want, learn the job and keep it.",
      "Help with CVs, applications, interviews and travel to work.",
      "Volunteering and work experience with local employers, with support as long as you need it."],
    delivery: ["community", "online"], freeShare: 0.2, hours: [["09:00", "17:00"]],
    prices: [{ unit: "session", min: 2000, max: 3500, weight: 1 }, { unit: "hour", min: 2500, max: 4000, weight: 1 }],
  },
  transport: {
    titles: ["Accessible minibus", "Community transport", "Door-to-door lifts", "Wheelchair accessible taxi", "Travel training"],
    sentences: ["Door-to-door transport with a driver who helps you on and off, for shopping, appointments and days out.",
      "Wheelchair accessible vehicles; book a trip by phone a day ahead.",
      "Travel training helps you learn a route by bus or train and travel on your own."],
    delivery: ["home", "community"], freeShare: 0.05, hours: [["08:00", "18:00"]],
    prices: [{ unit: "item", min: 300, max: 1500, weight: 2 }, { unit: "hour", min: 2000, max: 3000, weight: 1 }],
  },
  equipment: {
    titles: ["Equipment loan", "Telecare alarm", "Mobility aids", "Home adaptations", "Assistive technology assessment", "Smart home set-up"],
    sentences: ["Aids and equipment to make daily life easier and safer at home: grab rails, perching stools, walking aids.",
      "A personal alarm and sensors that call for help if you fall, answered day and night.",
      "We assess what technology could help and set it up with you."],
    delivery: ["home", "online"], freeShare: 0, hours: [["09:00", "17:00"]],
    prices: [{ unit: "item", min: 2000, max: 60000, weight: 2 }, { unit: "week", min: 300, max: 800, weight: 1 }],
  },
  "housing-support": {
    titles: ["Tenancy support", "Floating housing support", "Supported living", "Help moving home", "Home safety checks"],
    sentences: ["Help to find a home, manage a tenancy, pay bills and get on with neighbours.",
      "Support in your own home for as long as you need it, to live independently.",
      "We help with moving, setting up utilities and making your home safe."],
    delivery: ["home"], freeShare: 0.1, hours: [["09:00", "17:00"]],
    prices: [{ unit: "hour", min: 1800, max: 2500, weight: 1 }],
  },
  advocacy: {
    titles: ["Independent advocacy", "Self-advocacy group", "Care Act advocacy", "Mental health advocacy", "Parent advocacy"],
    sentences: ["An independent advocate helps you say what you want and makes sure you are heard at meetings and reviews.",
      "We help you understand your rights and your support plan.",
      "Free, confidential and on your side."],
    delivery: ["home", "community", "online"], freeShare: 0.6, hours: [["09:00", "17:00"]],
    prices: [{ unit: "hour", min: 3000, max: 4500, weight: 1 }],
  },
  "budget-management": {
    titles: ["Direct payment support", "Managed account service", "Payroll for personal assistants", "Support planning and brokerage", "Individual Service Fund management"],
    sentences: ["We manage your direct payment account, pay your personal assistants and send the council its returns.",
      "Help to write your support plan and find the right support for your budget.",
      "Payroll, pensions and employer insurance for people who employ their own PAs."],
    delivery: ["online", "home"], freeShare: 0.05, hours: [["09:00", "17:00"]],
    prices: [{ unit: "week", min: 800, max: 2000, weight: 2 }, { unit: "hour", min: 2500, max: 3500, weight: 1 }],
  },
  "leisure-and-arts": {
    titles: ["Art group", "Inclusive dance", "Music sessions", "Drama club", "Swimming sessions", "Gardening club", "Book club", "Football for all"],
    sentences: ["A friendly group for all abilities: come along, try something new and meet people.",
      "Sessions are relaxed and supported, and carers come free.",
      "Painting, music, dance and drama with a show at the end of each term."],
    delivery: ["community"], freeShare: 0.5, hours: [["10:00", "12:00"], ["14:00", "16:00"], ["18:30", "20:30"]],
    prices: [{ unit: "session", min: 300, max: 1200, weight: 1 }],
  },
  "health-and-wellbeing": {
    titles: ["Chair exercise class", "Wellbeing walks", "Counselling", "Massage and relaxation", "Healthy cooking", "Mindfulness group"],
    sentences: ["Gentle exercise to keep you moving and feeling well, at your own pace.",
      "Talking therapies and counselling with a qualified counsellor.",
      "Walks, relaxation and healthy eating to look after your mental health."],
    delivery: ["community", "online"], freeShare: 0.35, hours: [["10:00", "11:30"], ["13:30", "15:00"]],
    prices: [{ unit: "session", min: 500, max: 3500, weight: 1 }],
  },
  "training-for-pas": {
    titles: ["PA induction training", "Moving and handling course", "First aid for PAs", "Medication awareness", "Safeguarding training for PAs"],
    sentences: ["Training for the personal assistants you employ, with a certificate at the end.",
      "Moving and handling, first aid and medication awareness, taught by qualified trainers.",
      "Courses can be paid for from a direct payment."],
    delivery: ["community", "online"], freeShare: 0.05, hours: [["09:30", "16:00"]],
    prices: [{ unit: "day", min: 4000, max: 12000, weight: 1 }, { unit: "session", min: 2500, max: 4000, weight: 1 }],
  },
};
