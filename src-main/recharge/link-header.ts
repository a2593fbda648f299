// `Link: <https://…/customers?limit=250&page_info=abc>; rel="next", <…>; rel="previous"`.

export interface PageLink {
  url: string;
  pageInfo: string | null;
}

export interface PageLinks {
  next: PageLink | null;
  previous: PageLink | null;
}

const ENTRY = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;

function relOf(params: string): string[] {
  const match = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(params);
  return match?.[1] ? match[1].trim().toLowerCase().split(/\s+/) : [];
}

function pageInfoOf(url: string): string | null {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  return params.get('page_info') ?? params.get('cursor');
}

export function parseLinkHeader(header: string | null | undefined): PageLinks {
  const links: PageLinks = { next: null, previous: null };
  if (!header) return links;
  for (const match of header.matchAll(ENTRY)) {
    const url = (match[1] ?? '').trim();
    if (!url) continue;
    const link = { url, pageInfo: pageInfoOf(url) };
    for (const rel of relOf(match[2] ?? '')) {
      if (rel === 'next') links.next = link;
      if (rel === 'previous' || rel === 'prev') links.previous = link;
    }
  }
  return links;
}
