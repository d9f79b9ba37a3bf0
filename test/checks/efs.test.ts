import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/efs.js';
import type { EfsFileSystem } from '../../src/model/inventory.js';
import { denied, ok } from '../helpers/inventory.js';
import { runner } from './serviceRunner.js';

const { statuses } = runner(checks);
const fs = (f: Partial<EfsFileSystem> = {}): EfsFileSystem => ({ id: 'fs-1', arn: 'arn:fs-1', encrypted: true, backupPolicyEnabled: ok(true), ...f });
const fss = (...f: EfsFileSystem[]) => ({ efs: { fileSystems: ok(f) } });

describe('efs', () => {
  it('efs_encrypted: PASS, FAIL, ERROR', () => {
    expect(statuses('efs_encrypted', fss(fs()))).toEqual(['PASS']);
    expect(statuses('efs_encrypted', fss(fs({ encrypted: false })))).toEqual(['FAIL']);
    expect(statuses('efs_encrypted', { efs: { fileSystems: denied() } })).toEqual(['ERROR']);
  });
  it('efs_automatic_backups: PASS, FAIL, ERROR (denied or not collected)', () => {
    expect(statuses('efs_automatic_backups', fss(fs()))).toEqual(['PASS']);
    expect(statuses('efs_automatic_backups', fss(fs({ backupPolicyEnabled: ok(false) })))).toEqual(['FAIL']);
    expect(statuses('efs_automatic_backups', fss(fs({ backupPolicyEnabled: denied() })))).toEqual(['ERROR']);
    expect(statuses('efs_automatic_backups', fss(fs({ backupPolicyEnabled: undefined })))).toEqual(['ERROR']);
  });
});
