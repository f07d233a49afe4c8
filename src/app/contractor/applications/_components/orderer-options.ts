import 'server-only';
import type { Db } from '@/db/client';
import { applicationFormOptions } from '@/domain/applications/queries';
import { WORK_TYPE_LABEL } from '@/domain/labels';
import { dbDateToIso } from '@/lib/dates';
import { APPLICATION_LABELS as L } from '../labels';
import type { OrdererOption } from './application-form';

/** The orderers and their departments for the form, with each one's 電子交付 rule in words. */
export async function ordererOptions(db: Db): Promise<OrdererOption[]> {
  const orderers = await applicationFormOptions(db);
  return orderers.map((o) => {
    const rules = o.ordererRules;
    const from = rules?.electronicFrom ? dbDateToIso(rules.electronicFrom).split('-').map(Number) : null;
    return {
      id: o.id,
      name: o.name,
      departments: o.departments,
      requiresCertification: rules?.intermediateRequiresCertification ?? false,
      electronicRule:
        from && rules && rules.electronicWorkTypes.length > 0
          ? L.hints.electronicRule(o.name, `${from[0]}年${from[1]}月${from[2]}日`, rules.electronicWorkTypes.map((w) => WORK_TYPE_LABEL[w]).join('・'))
          : null,
    };
  });
}
