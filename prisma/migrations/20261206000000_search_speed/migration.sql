-- Search reads far outnumber product writes: index new rows at once rather than in GIN's
-- pending list. Left on, a bulk insert (an import, the seed) parks the rows there until the next
-- (auto)vacuum: every search scans that list linearly and the planner, without index statistics,
-- picks sequential scans (measured: 11 ms per search instead of 1.6 ms on 10k products).
ALTER INDEX "Product_searchVector_idx" SET (fastupdate = off);
ALTER INDEX "Product_name_trgm_idx" SET (fastupdate = off);

