/** HAL links as Okta writes them: `{name?, href, hints:{allow:[…]}}` (authn reference, "Links object"). */
export interface HalLink {
  readonly name?: string;
  readonly href: string;
  readonly type?: string;
  readonly hints?: { readonly allow: readonly string[] };
}

export function post(base: string, path: string, name?: string): HalLink {
  return { ...(name ? { name } : {}), href: base + path, hints: { allow: ['POST'] } };
}

export function get(base: string, path: string, name?: string): HalLink {
  return { ...(name ? { name } : {}), href: base + path, hints: { allow: ['GET'] } };
}

export const AUTHN = '/api/v1/authn';
