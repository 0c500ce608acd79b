// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import validateInputs from './src/io/astro-validate.ts';

export default defineConfig({
  site: 'https://claimbench.example.org',
  trailingSlash: 'always',
  // validateInputs first: a bad input file stops the build with check's one-line messages.
  integrations: [validateInputs(), mdx()],
  // The remark/rehype processor (MDX uses it too), with GitHub-flavoured Markdown for tables.
  markdown: { processor: unified({ remarkPlugins: [remarkGfm] }) },
  build: { inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
});
