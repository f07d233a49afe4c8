import { describe, expect, it } from 'vitest';
import { NODE_END_OF_LIFE, nodeSupportWarning, RECOMMENDED_NODE } from '../../scripts/node-support.mjs';

describe('the warning npm start prints for a Node.js past its end of life', () => {
  it('Node 20 ended on 2026-04-30: silent that day, a warning the next, naming the line to use', () => {
    expect(nodeSupportWarning('v20.20.2', '2026-04-30')).toBeNull();
    const warning = nodeSupportWarning('v20.20.2', '2026-05-01');
    expect(warning).toContain('2026-04-30');
    expect(warning).toContain(`Node.js ${RECOMMENDED_NODE} LTS`);
    expect(warning).toContain('サポートが終了');
  });

  it('the LTS lines still supported say nothing; an unknown or odd line is left to engines', () => {
    for (const version of ['v22.12.0', 'v24.22.3', 'v26.0.0']) expect(nodeSupportWarning(version, '2026-12-05')).toBeNull();
    expect(nodeSupportWarning('v23.1.0', '2026-12-05')).toBeNull();
    expect(nodeSupportWarning('not a version', '2026-12-05')).toBeNull();
  });

  it('every line ends on 30 April, three years after its release, and the recommended one is in force', () => {
    for (const [line, end] of Object.entries(NODE_END_OF_LIFE)) expect(end).toBe(`${Number(line) / 2 + 2016}-04-30`);
    expect(nodeSupportWarning(`v${RECOMMENDED_NODE}.0.0`, '2026-12-05')).toBeNull();
  });
});
