/**
 * Rough economic weights of Nantong's seven county-level divisions, so that demo figures keep
 * realistic proportions (Chongchuan, the central district, is the largest economy and
 * population; Rudong the smallest economy). Orders of magnitude follow the city's published
 * yearbooks around 2019-2023; the individual numbers are illustrative, not official.
 */
export interface CountyProfile {
  /** Share of the city's GDP; the counties sum to less than 1 because the municipal development zones are counted at city level only. */
  gdpShare: number;
  /** Share of the city's general public budget revenue (the municipal level keeps about a quarter). */
  revenueShare: number;
  retailShare: number;
  /** Per-capita disposable income relative to the city's. */
  urbanIncome: number;
  ruralIncome: number;
  /** Year-end 2019 resident population, 万人. */
  population2019: number;
  /** Yearly change of the resident population (0.004 = +0.4%). */
  populationTrend: number;
}

export const COUNTY_PROFILES: Readonly<Record<string, CountyProfile>> = Object.freeze({
  '320602': {
    gdpShare: 0.175,
    revenueShare: 0.12,
    retailShare: 0.26,
    urbanIncome: 1.08,
    ruralIncome: 1.06,
    population2019: 160.5,
    populationTrend: 0.004,
  },
  '320612': {
    gdpShare: 0.135,
    revenueShare: 0.11,
    retailShare: 0.13,
    urbanIncome: 0.99,
    ruralIncome: 1.02,
    population2019: 120.4,
    populationTrend: -0.002,
  },
  '320614': {
    gdpShare: 0.14,
    revenueShare: 0.115,
    retailShare: 0.12,
    urbanIncome: 1.03,
    ruralIncome: 1.04,
    population2019: 98.3,
    populationTrend: -0.001,
  },
  '320623': {
    gdpShare: 0.12,
    revenueShare: 0.095,
    retailShare: 0.105,
    urbanIncome: 0.95,
    ruralIncome: 0.98,
    population2019: 88.6,
    populationTrend: -0.004,
  },
  '320681': {
    gdpShare: 0.13,
    revenueShare: 0.11,
    retailShare: 0.12,
    urbanIncome: 1.0,
    ruralIncome: 1.01,
    population2019: 96.9,
    populationTrend: -0.003,
  },
  '320682': {
    gdpShare: 0.135,
    revenueShare: 0.105,
    retailShare: 0.135,
    urbanIncome: 0.97,
    ruralIncome: 0.98,
    population2019: 122.1,
    populationTrend: -0.003,
  },
  '320685': {
    gdpShare: 0.125,
    revenueShare: 0.105,
    retailShare: 0.11,
    urbanIncome: 0.98,
    ruralIncome: 0.99,
    population2019: 86.5,
    populationTrend: -0.002,
  },
});

export function countyProfile(code: string): CountyProfile {
  const profile = COUNTY_PROFILES[code];
  if (!profile) throw new Error(`no economic profile for county ${code}`);
  return profile;
}
