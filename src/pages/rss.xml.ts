/** RSS feed of published posts; links are absolute and include the base. */
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { postUrl, publishedPosts } from '../components/posts';
import { withBase } from '../components/withBase';
import { SITE_DESCRIPTION, SITE_TITLE } from '../components/site';

export async function GET(context: APIContext) {
  const posts = await publishedPosts();
  const site = context.site ?? new URL('http://localhost:4321');
  return rss({
    title: SITE_TITLE,
    description: SITE_DESCRIPTION,
    site: new URL(withBase(''), site).href,
    items: posts.map((p) => ({
      title: p.data.title,
      description: p.data.description,
      pubDate: p.data.date,
      link: new URL(postUrl(p.id), site).href,
    })),
  });
}
