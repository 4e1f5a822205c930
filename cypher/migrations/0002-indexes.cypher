// Lookups the API makes by slug and by exact title, and the filters it offers.
CREATE INDEX role_slug IF NOT EXISTS FOR (n:Role) ON (n.slug);
CREATE INDEX role_title IF NOT EXISTS FOR (n:Role) ON (n.title);
CREATE INDEX role_grade IF NOT EXISTS FOR (n:Role) ON (n.grade);
CREATE INDEX role_source_path IF NOT EXISTS FOR (n:Role) ON (n.sourcePath);
CREATE INDEX department_slug IF NOT EXISTS FOR (n:Department) ON (n.slug);
CREATE INDEX job_family_slug IF NOT EXISTS FOR (n:JobFamily) ON (n.slug);
CREATE INDEX team_slug IF NOT EXISTS FOR (n:Team) ON (n.slug);
CREATE INDEX skill_name IF NOT EXISTS FOR (n:Skill) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX change_event_at IF NOT EXISTS FOR (n:ChangeEvent) ON (n.at);
CREATE INDEX change_event_entity IF NOT EXISTS FOR (n:ChangeEvent) ON (n.entityId);
// Full-text search over titles and the text of responsibilities and requirements.
CREATE FULLTEXT INDEX org_text IF NOT EXISTS FOR (n:Role|JobFamily|Responsibility|Requirement|Department) ON EACH [n.title, n.name, n.text];
