import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { formatIssues } from '../../sim/scenario/ScenarioIssue.ts';
import { parseCatalog, parseScenario } from '../../sim/scenario/loadScenario.ts';
import type { RunLogHeader } from './RunLog.ts';

/** Rebuilds the scenario a RunLog was made from (its header holds the scenario and the catalog), so a log can be scored offline. */
export function scenarioOfRunLog(header: RunLogHeader): Scenario {
  const catalog = parseCatalog(header.catalog);
  if (!catalog.ok) throw new Error(`bench: the RunLog's catalog does not parse:\n${formatIssues('header.catalog', catalog.issues)}`);
  const scenario = parseScenario(header.scenarioJson, catalog.value);
  if (!scenario.ok) throw new Error(`bench: the RunLog's scenario does not parse:\n${formatIssues('header.scenarioJson', scenario.issues)}`);
  return scenario.value;
}
