// Countries beyond the US, Canada, the UK and Australia for the fake-data generator.

/** Other countries: name, a few cities, phone country code, zip digits, currency. */
export const OTHER_COUNTRIES: readonly {
  country: string;
  cities: readonly string[];
  dial: string;
  zipDigits: number;
  currency: string;
}[] = [
  {
    country: 'Germany',
    cities: ['Berlin', 'Munich', 'Hamburg', 'Cologne'],
    dial: '49',
    zipDigits: 5,
    currency: 'EUR',
  },
  {
    country: 'France',
    cities: ['Paris', 'Lyon', 'Marseille', 'Bordeaux'],
    dial: '33',
    zipDigits: 5,
    currency: 'EUR',
  },
  {
    country: 'Netherlands',
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht'],
    dial: '31',
    zipDigits: 4,
    currency: 'EUR',
  },
  {
    country: 'Ireland',
    cities: ['Dublin', 'Cork', 'Galway'],
    dial: '353',
    zipDigits: 0,
    currency: 'EUR',
  },
  {
    country: 'New Zealand',
    cities: ['Auckland', 'Wellington', 'Christchurch'],
    dial: '64',
    zipDigits: 4,
    currency: 'NZD',
  },
  {
    country: 'Sweden',
    cities: ['Stockholm', 'Gothenburg', 'Malmö'],
    dial: '46',
    zipDigits: 5,
    currency: 'SEK',
  },
  {
    country: 'Spain',
    cities: ['Madrid', 'Barcelona', 'Valencia'],
    dial: '34',
    zipDigits: 5,
    currency: 'EUR',
  },
  {
    country: 'Italy',
    cities: ['Rome', 'Milan', 'Turin', 'Naples'],
    dial: '39',
    zipDigits: 5,
    currency: 'EUR',
  },
  {
    country: 'Switzerland',
    cities: ['Zurich', 'Geneva', 'Basel'],
    dial: '41',
    zipDigits: 4,
    currency: 'CHF',
  },
  {
    country: 'Denmark',
    cities: ['Copenhagen', 'Aarhus'],
    dial: '45',
    zipDigits: 4,
    currency: 'DKK',
  },
  {
    country: 'Japan',
    cities: ['Tokyo', 'Osaka', 'Kyoto'],
    dial: '81',
    zipDigits: 7,
    currency: 'JPY',
  },
  { country: 'Singapore', cities: ['Singapore'], dial: '65', zipDigits: 6, currency: 'SGD' },
  {
    country: 'Mexico',
    cities: ['Mexico City', 'Guadalajara', 'Monterrey'],
    dial: '52',
    zipDigits: 5,
    currency: 'MXN',
  },
  { country: 'Norway', cities: ['Oslo', 'Bergen'], dial: '47', zipDigits: 4, currency: 'NOK' },
  {
    country: 'Belgium',
    cities: ['Brussels', 'Antwerp', 'Ghent'],
    dial: '32',
    zipDigits: 4,
    currency: 'EUR',
  },
];
