// Word lists and places for the fake-data generator. Big enough that 100k customers look varied.

export const FIRST_NAMES: readonly string[] = (
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara ' +
  'Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy ' +
  'Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul ' +
  'Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy ' +
  'Stephanie Ronald Dorothy Jason Rebecca Edward Sharon Jeffrey Laura Ryan Cynthia Jacob Amy ' +
  'Gary Kathleen Nicholas Angela Eric Shirley Jonathan Brenda Stephen Emma Larry Anna Justin ' +
  'Pamela Scott Nicole Brandon Samantha Benjamin Katherine Samuel Christine Gregory Helen ' +
  'Alexander Debra Patrick Rachel Frank Carolyn Raymond Janet Jack Maria Dennis Olivia Jerry ' +
  'Heather Tyler Diane Aaron Julie Jose Joyce Adam Victoria Nathan Ruth Henry Virginia Zachary ' +
  'Lauren Douglas Kelly Peter Christina Kyle Joan Noah Evelyn Ethan Judith Jeremy Andrea ' +
  'Christian Hannah Walter Megan Keith Cheryl Austin Jacqueline Roger Martha Terry Madison ' +
  'Sean Teresa Gerald Gloria Carl Sara Dylan Janice Harold Ann Jordan Kathryn Jesse Abigail ' +
  'Bryan Sophia Lawrence Frances Arthur Jean Gabriel Alice Bruce Judy Logan Isabella Billy ' +
  'Julia Joe Grace Alan Amber Juan Denise Elijah Danielle Willie Marilyn Albert Beverly Wayne ' +
  'Charlotte Randy Natalie Mason Theresa Vincent Diana Liam Brittany Roy Doris Bobby Kayla ' +
  'Caleb Alexis Bradley Lori Russell Marie Lucas Mia Aiden Chloe Siobhan Mateo Priya Hiroshi ' +
  'Chen Aisha Lukas Sofia Mohammed Fatima Olumide Ingrid Pierre Camille Giulia Matteo Ana ' +
  'Diego Yuki Min-jun Ji-woo Arjun Ananya Noa Eitan Freya Oskar Zoe Leon Elif Emre Nia Kwame'
).split(' ');

export const LAST_NAMES: readonly string[] = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez ' +
  'Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris ' +
  'Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill ' +
  'Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips ' +
  'Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook ' +
  'Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward ' +
  'Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez ' +
  'Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan ' +
  'Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan ' +
  'Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant ' +
  'Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison ' +
  'Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker ' +
  "Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason O'Brien " +
  "O'Connor Dixon Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar " +
  'Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan ' +
  'Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Hansen Peters Santos Hart ' +
  'Müller Schneider Fischer Weber Dubois Lefebvre Rossi Russo Bianchi Novak Kowalski Nowak ' +
  'Johansson Larsen Nielsen Andersen Virtanen Tanaka Suzuki Sato Watanabe Park Choi Singh ' +
  'Sharma Gupta Cohen Levi Okafor Adeyemi Mensah Vandenberg Devries Jansen MacLeod Fitzgerald'
).split(' ');

export const EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'yahoo.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
  'proton.me',
  'me.com',
  'live.com',
  'comcast.net',
  'example.com',
  'mail.example.org',
];

export const STREET_NAMES: readonly string[] = (
  'Main Oak Maple Cedar Pine Elm Washington Lake Hill Park Sunset Nebraska Lincoln Jackson ' +
  'Highland Madison Franklin Ridge Church Willow River Spring Meadow Forest Chestnut Walnut ' +
  'Broadway Mill Center Jefferson Adams Valley Harbor Bay Ocean Prospect Union Market King ' +
  'Queen Victoria George Station High Bridge Garden Orchard Mountain Canyon Mission Vine'
).split(' ');

export const STREET_SUFFIXES: readonly string[] = [
  'Street',
  'Avenue',
  'Road',
  'Boulevard',
  'Drive',
  'Lane',
  'Way',
  'Court',
  'Place',
  'Terrace',
];

export const UNIT_PREFIXES: readonly string[] = ['Apt', 'Suite', 'Unit', '#', 'Floor'];

export const COMPANY_WORDS: readonly string[] = (
  'Acme Summit Blue Harbor Northwind Evergreen Pioneer Atlas Golden Silver Redwood Coastal ' +
  'Urban Prairie Beacon Granite Horizon Maple Cobalt Juniper Lantern Meridian Nimbus Orchard'
).split(' ');

export const COMPANY_SUFFIXES: readonly string[] = [
  'LLC',
  'Inc.',
  'Co.',
  'Ltd',
  'Studio',
  'Group',
  'Partners',
  'Holdings',
  'GmbH',
];

/**
 * Cities of the countries whose addresses name a state or province: [country code, city, state
 * or province code, the postal code's start: the US zip's first three digits, Canada's first
 * letter, Australia's first digit].
 */
const REGIONAL_CITIES: readonly (readonly [string, string, string, string])[] = [
  ['US', 'Los Angeles', 'CA', '900'],
  ['US', 'San Francisco', 'CA', '941'],
  ['US', 'San Diego', 'CA', '921'],
  ['US', 'Santa Monica', 'CA', '904'],
  ['US', 'New York', 'NY', '100'],
  ['US', 'Brooklyn', 'NY', '112'],
  ['US', 'Buffalo', 'NY', '142'],
  ['US', 'Chicago', 'IL', '606'],
  ['US', 'Houston', 'TX', '770'],
  ['US', 'Austin', 'TX', '787'],
  ['US', 'Dallas', 'TX', '752'],
  ['US', 'Phoenix', 'AZ', '850'],
  ['US', 'Philadelphia', 'PA', '191'],
  ['US', 'Pittsburgh', 'PA', '152'],
  ['US', 'Seattle', 'WA', '981'],
  ['US', 'Portland', 'OR', '972'],
  ['US', 'Denver', 'CO', '802'],
  ['US', 'Boston', 'MA', '021'],
  ['US', 'Miami', 'FL', '331'],
  ['US', 'Orlando', 'FL', '328'],
  ['US', 'Tampa', 'FL', '336'],
  ['US', 'Atlanta', 'GA', '303'],
  ['US', 'Nashville', 'TN', '372'],
  ['US', 'Charlotte', 'NC', '282'],
  ['US', 'Raleigh', 'NC', '276'],
  ['US', 'Detroit', 'MI', '482'],
  ['US', 'Minneapolis', 'MN', '554'],
  ['US', 'Columbus', 'OH', '432'],
  ['US', 'Cleveland', 'OH', '441'],
  ['US', 'Indianapolis', 'IN', '462'],
  ['US', 'Kansas City', 'MO', '641'],
  ['US', 'St. Louis', 'MO', '631'],
  ['US', 'Omaha', 'NE', '681'],
  ['US', 'Salt Lake City', 'UT', '841'],
  ['US', 'Las Vegas', 'NV', '891'],
  ['US', 'Albuquerque', 'NM', '871'],
  ['US', 'New Orleans', 'LA', '701'],
  ['US', 'Baltimore', 'MD', '212'],
  ['US', 'Washington', 'DC', '200'],
  ['US', 'Richmond', 'VA', '232'],
  ['US', 'Milwaukee', 'WI', '532'],
  ['US', 'Louisville', 'KY', '402'],
  ['US', 'Birmingham', 'AL', '352'],
  ['US', 'Honolulu', 'HI', '968'],
  ['US', 'Anchorage', 'AK', '995'],
  ['US', 'Boise', 'ID', '837'],
  ['US', 'Burlington', 'VT', '054'],
  ['US', 'Portland', 'ME', '041'],
  ['US', 'Providence', 'RI', '029'],
  ['US', 'Hartford', 'CT', '061'],
  ['CA', 'Toronto', 'ON', 'M'],
  ['CA', 'Ottawa', 'ON', 'K'],
  ['CA', 'Montreal', 'QC', 'H'],
  ['CA', 'Quebec City', 'QC', 'G'],
  ['CA', 'Vancouver', 'BC', 'V'],
  ['CA', 'Victoria', 'BC', 'V'],
  ['CA', 'Calgary', 'AB', 'T'],
  ['CA', 'Edmonton', 'AB', 'T'],
  ['CA', 'Winnipeg', 'MB', 'R'],
  ['CA', 'Halifax', 'NS', 'B'],
  ['CA', 'Saskatoon', 'SK', 'S'],
  ['CA', "St. John's", 'NL', 'A'],
  ['AU', 'Sydney', 'NSW', '2'],
  ['AU', 'Newcastle', 'NSW', '2'],
  ['AU', 'Melbourne', 'VIC', '3'],
  ['AU', 'Geelong', 'VIC', '3'],
  ['AU', 'Brisbane', 'QLD', '4'],
  ['AU', 'Gold Coast', 'QLD', '4'],
  ['AU', 'Perth', 'WA', '6'],
  ['AU', 'Adelaide', 'SA', '5'],
  ['AU', 'Hobart', 'TAS', '7'],
  ['AU', 'Canberra', 'ACT', '2'],
  ['AU', 'Darwin', 'NT', '0'],
];

const citiesIn = (code: string): readonly (readonly [string, string, string])[] =>
  REGIONAL_CITIES.filter(([country]) => country === code).map(
    ([, city, region, postal]) => [city, region, postal] as const,
  );

export const US_CITIES = citiesIn('US');
export const CA_CITIES = citiesIn('CA');
export const AU_CITIES = citiesIn('AU');

export const US_AREA_CODES: readonly string[] = (
  '212 213 214 305 310 312 323 347 404 415 424 503 512 602 617 646 702 713 718 720 773 786 ' +
  '804 808 813 818 832 858 907 917 919 949 971 972'
).split(' ');

/** [city, postcode area] */
export const UK_CITIES: readonly (readonly [string, string])[] = [
  ['London', 'SW1A'],
  ['London', 'EC1A'],
  ['London', 'N1'],
  ['Manchester', 'M1'],
  ['Birmingham', 'B1'],
  ['Leeds', 'LS1'],
  ['Glasgow', 'G1'],
  ['Edinburgh', 'EH1'],
  ['Bristol', 'BS1'],
  ['Cardiff', 'CF10'],
  ['Liverpool', 'L1'],
  ['Belfast', 'BT1'],
];

export const INVALID_PAYMENT_REASONS: readonly string[] = [
  'Customer needs to update credit card',
  'card_declined: Your card was declined.',
  'expired_card: Your card has expired.',
  'insufficient_funds: Your card has insufficient funds.',
  'Payment method was removed by the customer',
  'Billing agreement was cancelled',
];

export const CART_ATTRIBUTE_SAMPLES: readonly (readonly [string, string])[] = [
  ['gift_wrap', 'yes'],
  ['delivery_instructions', 'Leave at the back door'],
  ['referral', 'instagram'],
  ['source', 'subscription_widget'],
];

export const SHIPPING_METHODS: readonly (readonly [string, string, string])[] = [
  ['Standard', '0.00', 'Standard Shipping'],
  ['Standard', '4.99', 'Standard Shipping'],
  ['Express', '9.99', 'Express Shipping'],
  ['Free Shipping', '0.00', 'Free Shipping'],
];

/** Countries beyond the US, Canada, the UK and Australia. */
export interface OtherCountry {
  country: string;
  cities: readonly string[];
  /** Phone country code. */
  dial: string;
  /** 0: an Irish-style district (`D1`…`D24`) instead of a zip. */
  zipDigits: number;
  currency: string;
}

export const OTHER_COUNTRIES: readonly OtherCountry[] = (
  [
    ['Germany', ['Berlin', 'Munich', 'Hamburg', 'Cologne'], '49', 5, 'EUR'],
    ['France', ['Paris', 'Lyon', 'Marseille', 'Bordeaux'], '33', 5, 'EUR'],
    ['Netherlands', ['Amsterdam', 'Rotterdam', 'Utrecht'], '31', 4, 'EUR'],
    ['Ireland', ['Dublin', 'Cork', 'Galway'], '353', 0, 'EUR'],
    ['New Zealand', ['Auckland', 'Wellington', 'Christchurch'], '64', 4, 'NZD'],
    ['Sweden', ['Stockholm', 'Gothenburg', 'Malmö'], '46', 5, 'SEK'],
    ['Spain', ['Madrid', 'Barcelona', 'Valencia'], '34', 5, 'EUR'],
    ['Italy', ['Rome', 'Milan', 'Turin', 'Naples'], '39', 5, 'EUR'],
    ['Switzerland', ['Zurich', 'Geneva', 'Basel'], '41', 4, 'CHF'],
    ['Denmark', ['Copenhagen', 'Aarhus'], '45', 4, 'DKK'],
    ['Japan', ['Tokyo', 'Osaka', 'Kyoto'], '81', 7, 'JPY'],
    ['Singapore', ['Singapore'], '65', 6, 'SGD'],
    ['Mexico', ['Mexico City', 'Guadalajara', 'Monterrey'], '52', 5, 'MXN'],
    ['Norway', ['Oslo', 'Bergen'], '47', 4, 'NOK'],
    ['Belgium', ['Brussels', 'Antwerp', 'Ghent'], '32', 4, 'EUR'],
  ] as const
).map(([country, cities, dial, zipDigits, currency]) => ({
  country,
  cities,
  dial,
  zipDigits,
  currency,
}));
