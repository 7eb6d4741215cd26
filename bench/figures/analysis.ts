import { figure, medianMs, type FigureRunner } from '../figure.js';

/** The whole analysis of the seeded project: loading the responses, scoring, every statistic. */
export const analysisFigures: FigureRunner = async ({ services, slug }) => {
  const project = await services.projects.bySlug(slug);
  const ms = await medianMs(3, () => services.analyses.analyse(project));
  return [figure('analysis', ms, 'ms', 1000)];
};
