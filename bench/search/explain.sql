-- The statements UserStore sends for the benchmark requests (count, then the page's row IDs, then the
-- rows by ID), with the parameters bound, explained with actual timings.
\pset pager off
\echo '--- selective search: count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(id) FROM users WHERE deleted_at IS NULL
  AND (lower(user_id) LIKE lower(:'selective') ESCAPE '\' OR lower(name) LIKE lower(:'selective') ESCAPE '\'
       OR lower(description) LIKE lower(:'selective') ESCAPE '\');
\echo '--- broad search: count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(id) FROM users WHERE deleted_at IS NULL AND lower(name) LIKE lower('%son%') ESCAPE '\';
\echo '--- broad search: page IDs'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM users WHERE deleted_at IS NULL AND lower(name) LIKE lower('%son%') ESCAPE '\'
  ORDER BY user_id ASC LIMIT 100 OFFSET 0;
\echo '--- attribute search: count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(t0.id) FROM users t0 WHERE t0.deleted_at IS NULL AND EXISTS (
  SELECT t1.id FROM users t1, user_attributes t2 WHERE t2.user_pk = t1.id AND t1.id = t0.id
    AND t2.attr_key = 'team' AND lower(t2.attr_value) LIKE lower('%rf-42%') ESCAPE '\');
\echo '--- list page 1000 by created_at: page IDs'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM users WHERE deleted_at IS NULL ORDER BY created_at ASC, user_id ASC LIMIT 100 OFFSET 99900;
\echo '--- list: rows of a page by ID'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM users WHERE id IN (SELECT id FROM users WHERE deleted_at IS NULL ORDER BY created_at, user_id LIMIT 100 OFFSET 99900);
