import { describe, expect, it } from 'vitest';
import { isAppOrigin, originOf } from '../../../main/shell/app-origin';
import { externalLinkTarget, mayNavigateInWindow } from '../../../main/shell/navigation-policy';

describe('app origin', () => {
  it('builds the origin of a non-special scheme (WHATWG gives "null")', () => {
    expect(new URL('app://desk/index.html').origin).toBe('null');
    expect(originOf('app://desk/index.html')).toBe('app://desk');
    expect(originOf('not a url')).toBeNull();
    expect(isAppOrigin('app://desk/assets/x.js', 'app://desk')).toBe(true);
    expect(isAppOrigin('app://desk.other/', 'app://desk')).toBe(false);
  });
});

describe('navigation policy', () => {
  it('keeps the window on the app', () => {
    expect(mayNavigateInWindow('app://desk/index.html#/tickets', 'app://desk')).toBe(true);
    expect(mayNavigateInWindow('https://example.com/', 'app://desk')).toBe(false);
    expect(mayNavigateInWindow('file:///etc/passwd', 'app://desk')).toBe(false);
  });

  it('sends only web and mail links to the system', () => {
    expect(externalLinkTarget('https://19115.warszawa.pl/')).toBe('https://19115.warszawa.pl/');
    expect(externalLinkTarget('mailto:kontakt@um.warszawa.pl')).toBe('mailto:kontakt@um.warszawa.pl');
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:x', 'https://user:pw@bank.example/', 'not a url']) {
      expect(externalLinkTarget(url), url).toBeNull();
    }
  });
});
