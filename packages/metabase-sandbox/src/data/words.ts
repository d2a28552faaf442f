// Word lists for realistic names. Plain data, no logic.

export const FIRST_NAMES = [
  'Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Dennis', 'Radia', 'John',
  'Katherine', 'Tim', 'Hedy', 'Linus', 'Sophie', 'Guido', 'Shafi', 'Yukihiro', 'Anita', 'Bjarne', 'Mary', 'Niklaus',
  'Carol', 'Leslie', 'Jean', 'Vint', 'Adele', 'Rasmus', 'Evelyn', 'Brendan', 'Lynn', 'Anders', 'Ruth', 'James',
] as const;

export const LAST_NAMES = [
  'Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen', 'Ritchie',
  'Perlman', 'McCarthy', 'Johnson', 'Berners-Lee', 'Lamarr', 'Torvalds', 'Wilson', 'van Rossum', 'Goldwasser',
  'Matsumoto', 'Borg', 'Stroustrup', 'Keller', 'Wirth', 'Shaw', 'Lamport', 'Bartik', 'Cerf', 'Goldberg', 'Lerdorf',
  "O'Neil", 'Eich', 'Conway', 'Hejlsberg', 'Teitelbaum', 'Gosling',
] as const;

export const TOPICS = [
  'Revenue', 'Orders', 'Signups', 'Churn', 'Retention', 'Active Users', 'Sessions', 'Conversion', 'Refunds',
  'Invoices', 'Pipeline', 'Tickets', 'Inventory', 'Shipments', 'Reviews', 'Campaigns', 'Trials', 'Subscriptions',
  'Payouts', 'Latency', 'Errors', 'Deployments', 'Headcount', 'Expenses', 'Margin', 'Leads', 'NPS', 'Cohorts',
] as const;

export const QUALIFIERS = [
  'by Month', 'by Week', 'by Region', 'by Plan', 'by Channel', 'per Customer', 'Year over Year', 'Last 30 Days',
  'by Product Category', 'Trend', 'Breakdown', 'Forecast', 'by Country', 'Top 10', 'Daily', 'vs Target',
] as const;

export const TEAMS = [
  'Finance', 'Marketing', 'Sales', 'Product', 'Engineering', 'Support', 'Operations', 'People', 'Growth', 'Data',
  'Legal', 'Partnerships', 'Security', 'Design', 'Customer Success', 'Logistics',
] as const;

export const AREAS = [
  'Reports', 'Dashboards', 'Experiments', 'Archive', 'KPIs', 'Weekly', 'Board', 'Planning', 'Ad hoc', 'Models',
  'Quarterly Review', 'Audits', 'Sandbox', 'Onboarding', 'Forecasts', 'Goals',
] as const;

export const DESCRIPTIONS = [
  'Source of truth for the weekly business review.',
  'Numbers exclude test accounts and internal users.',
  'Refreshed nightly from the warehouse.',
  'Ask the data team before changing this.',
  'Used in the board deck; keep the filters stable.',
  'Figures are in USD, converted at month-end rates.',
] as const;

export const DISPLAYS = ['table', 'bar', 'line', 'pie', 'scalar', 'row', 'area', 'combo', 'pivot', 'funnel', 'map'] as const;

export const SNIPPET_SUBJECTS = [
  'active customers', 'paid orders', 'valid sessions', 'current quarter', 'enterprise plans', 'EU region',
  'excluded test users', 'fiscal calendar', 'refunded orders', 'trial accounts',
] as const;
