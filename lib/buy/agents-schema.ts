import { z } from 'zod/mini';

/**
 * The schema of agents.json. The popup does not load zod (its size budget): the unit tests hold the
 * bundled file to this schema, and anything that imports agent data from elsewhere parses it here.
 */

/** Query parameters agents use for referral and affiliate codes: none of ours may carry one. */
export const REFERRAL_PARAMETERS = ['ref', 'aff', 'affcode', 'partnercode', 'promotioncode', 'membercode', 'memberid', 'invitecode', 'u', 'code', 'ra', 'utm_source', 'utm_medium', 'utm_campaign'];

const template = z.string().check(
  z.startsWith('https://'),
  z.refine((value) => /\{(?:id|url|url2)\}/.test(value), 'names the item: {id}, {url} or {url2}'),
  z.refine((value) => {
    const query = value.split(/[?#]/).slice(1).join('&');
    return !query.split('&').some((pair) => REFERRAL_PARAMETERS.includes((pair.split('=')[0] ?? '').toLowerCase()));
  }, 'carries a referral or affiliate parameter'),
);

export const AgentSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(60)),
  templates: z.object({ taobao: template, tmall: template }),
  source: z.object({ name: z.string().check(z.minLength(1)), ref: z.string().check(z.minLength(1)) }),
  checked: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
});
export type Agent = z.infer<typeof AgentSchema>;

export const AgentsFileSchema = z.object({ about: z.string(), agents: z.array(AgentSchema).check(z.minLength(1)) });

