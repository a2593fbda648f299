// One meaning of a live edit: the count that guards removing a store (open or closed), the edits
// a cache rebuild counts as kept, and the outbox's default list all take the same states; reads
// lay over the cache all of them but a failed edit.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { carryOutboxOver } from '../../../src-main/outbox/carry.ts';
import { countLiveEdits } from '../../../src-main/outbox/live-count.ts';
import { createOutboxRepo } from '../../../src-main/outbox/outbox-repo.ts';
import { EDIT_STATES, OutboxListInput } from '../../../src-shared/outbox/edits.ts';
import { addEditIn } from '../../helpers/outbox-edits.ts';
import { tempDirsPerTest } from '../temp-dirs.ts';

const tempDir = tempDirsPerTest();

describe('live edits', () => {
  it('are the same four states for every count, the rebuild and the default list', () => {
    const dir = tempDir();
    const path = dir.path('cache.db');
    const db = openDatabase({ path });
    const repo = createOutboxRepo(db, Date.now);
    // One edit in each state, each of its own customer.
    EDIT_STATES.forEach((state, i) => addEditIn(repo, i + 1, state));
    const ids = EDIT_STATES.map((_, i) => i + 1);
    const listed = repo.list({ ...OutboxListInput.parse({}), limit: 50, offset: 0 });
    expect(listed.items.map((e) => e.state).sort()).toEqual(
      ['conflict', 'failed', 'in_flight', 'pending'].sort(),
    );
    expect(repo.shownFor(ids).map((e) => e.state)).toEqual(['pending', 'in_flight', 'conflict']);
    db.close();

    expect(countLiveEdits(path)).toBe(4);
    const fresh = openDatabase({ path: dir.path('rebuilt.db') });
    expect(carryOutboxOver(fresh, path)).toBe(4);
    fresh.close();
  });
});
