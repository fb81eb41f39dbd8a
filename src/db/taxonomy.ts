import type { Database } from './client.ts'
import { webUrl } from '../lib/site.ts'
import type { Section, Tag } from '../schemas/taxonomy.ts'

export interface SectionRow {
  id: number
  slug: string
  name: string
  description: string
  position: number
  updated_at: string
}

export interface TagRow {
  id: number
  slug: string
  name: string
  updated_at: string
}

export function listSectionsStatement(db: Database) {
  return db.prepare('SELECT id, slug, name, description, position, updated_at FROM sections ORDER BY position, name')
}

export function findSectionStatement(db: Database, slug: string) {
  return db.prepare('SELECT id, slug, name, description, position, updated_at FROM sections WHERE slug = ?1').bind(slug)
}

export function findTagStatement(db: Database, slug: string) {
  return db.prepare('SELECT id, slug, name, updated_at FROM tags WHERE slug = ?1').bind(slug)
}

/** Tags in alphabetical order, after (name, id). */
export function listTagsStatement(db: Database, limit: number, after?: { v: string; id: number }) {
  return db
    .prepare('SELECT id, slug, name, updated_at FROM tags WHERE (name, id) > (?1, ?2) ORDER BY name, id LIMIT ?3')
    .bind(after?.v ?? '', after?.id ?? 0, limit)
}

export function writeSectionStatement(
  db: Database,
  section: { slug: string; name: string; description: string; position: number },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO sections (slug, name, description, position, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?5)
       ON CONFLICT (slug) DO UPDATE SET
         name = excluded.name, description = excluded.description, position = excluded.position,
         updated_at = excluded.updated_at`,
    )
    .bind(section.slug, section.name, section.description, section.position, now)
}

export function writeTagStatement(db: Database, tag: { slug: string; name: string }, now: string) {
  return db
    .prepare(
      `INSERT INTO tags (slug, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
       ON CONFLICT (slug) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
    )
    .bind(tag.slug, tag.name, now)
}

export function toSection(row: SectionRow, siteUrl: string): Section {
  return { slug: row.slug, name: row.name, description: row.description, url: webUrl(siteUrl, 'sections', row.slug) }
}

export function toTag(row: TagRow, siteUrl: string): Tag {
  return { slug: row.slug, name: row.name, url: webUrl(siteUrl, 'tags', row.slug) }
}
