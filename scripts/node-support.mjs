// Which Node.js lines the portal supports, and the warning `npm start` prints once when the running
// Node is past its end of life (no more security fixes). The dates are the Node.js project's release
// schedule (https://github.com/nodejs/Release): each even line ends on 30 April, three years after
// its release. CI proves Node 20 (what a fresh machine here has) and Node 24 (.ci/run).

/** End of life of each even (LTS) line, as YYYY-MM-DD. */
export const NODE_END_OF_LIFE = {
  18: '2025-04-30',
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
  26: '2029-04-30',
};

/** The line recommended for new installations: the newest LTS line CI runs. */
export const RECOMMENDED_NODE = 24;

/**
 * The warning for running `version` (as process.version: v20.20.2) on `today` (YYYY-MM-DD), or null
 * when the line is still supported. An odd (non-LTS) line or a line not in the table is not judged
 * here: npm's `engines` check speaks for versions outside the supported range.
 */
export function nodeSupportWarning(version, today) {
  const major = Number.parseInt(/^v?(\d+)\./.exec(version)?.[1] ?? '', 10);
  const end = NODE_END_OF_LIFE[major];
  if (!end || today <= end) return null;
  return (
    `[portal] Node.js ${version} は ${end} にサポートが終了しています（セキュリティ修正がありません）。Node.js ${RECOMMENDED_NODE} LTS で動かしてください。\n` +
    `[portal] Node.js ${major} reached its end of life on ${end} (no more security fixes); run the portal on Node.js ${RECOMMENDED_NODE} LTS.`
  );
}
