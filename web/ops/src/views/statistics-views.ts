// The statistics page and its report as one chunk of their own, which statistics-entry.ts loads
// the first time a supervisor opens one.
export { StatisticsPage } from './statistics-page';
export { StatisticsReport } from './statistics-report';
