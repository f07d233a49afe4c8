-- A certificate version is an immutable snapshot (SPEC flow 3): the database itself refuses to
-- change or delete one, whatever code or console tries. New content is a new version.
CREATE FUNCTION "certificate_version_immutable"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'certificate versions are immutable (% on "CertificateVersion")', TG_OP
    USING ERRCODE = 'P0001';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "certificate_version_immutable"
  BEFORE UPDATE OR DELETE ON "CertificateVersion"
  FOR EACH ROW EXECUTE FUNCTION "certificate_version_immutable"();
