/** Published posts, newest first: drafts are shown by `astro dev` only. */
import { getCollection, type CollectionEntry } from 'astro:content';

export type Post = CollectionEntry<'posts'>;

export async function publishedPosts(): Promise<Post[]> {
  const posts = await getCollection('posts', (p) => import.meta.env.DEV || !p.data.draft);
  return posts.sort((a, b) => b.data.date.getTime() - a.data.date.getTime());
}

/** `<base>/<post-id>/`, respecting Astro's base. */
export function postUrl(id: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${id}/`;
}

export function formatDate(d: Date): string {
  return d.toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}
