import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/detect/lru.js';

describe('Lru', () => {
  it('never holds more than cap entries and counts evictions', () => {
    const l = new Lru<number, number>(100);
    for (let i = 0; i < 1000; i++) l.set(i, i);
    expect(l.size).toBe(100);
    expect(l.evictions).toBe(900);
    expect(l.get(999)).toBe(999);
    expect(l.get(0)).toBeUndefined();
  });
  it('keeps an entry that is used while others churn', () => {
    const l = new Lru<string, number>(100);
    l.set('hot', 1);
    for (let i = 0; i < 10_000; i++) {
      l.set(`cold${i}`, i);
      if (i % 50 === 0) expect(l.get('hot')).toBe(1);
    }
    expect(l.get('hot')).toBe(1);
  });
  it('updates values in place', () => {
    const l = new Lru<string, number>(4);
    l.set('a', 1);
    l.set('a', 2);
    expect(l.get('a')).toBe(2);
    expect(l.size).toBe(1);
  });
});
