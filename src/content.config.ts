/**
 * The `posts` collection: one folder per article, `content/<post>/index.mdx`.
 * The folder name is the post id and its URL (`<base>/<post>/`).
 */
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const reference = z.object({
  id: z.string().regex(/^[\w-]+$/, 'reference ids are used in anchors: letters, digits, _ and - only'),
  authors: z.string(),
  title: z.string(),
  venue: z.string().optional(),
  year: z.number().int().optional(),
  url: z.string().url().optional(),
});

const posts = defineCollection({
  loader: glob({
    pattern: '**/index.mdx',
    base: './content',
    generateId: ({ entry }) => entry.split('/').slice(0, -1).join('/'),
  }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    date: z.coerce.date(),
    updated: z.coerce.date().optional(),
    draft: z.boolean().default(false),
    credit: z.object({ text: z.string(), url: z.string().url() }).optional(),
    references: z.array(reference).default([]),
  }),
});

export const collections = { posts };
