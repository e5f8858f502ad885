import { describe, expect, it } from 'vitest';
import { embeddedPage, launcherPage } from '../../sandbox/launcher/pages.ts';

describe('launcher pages', () => {
  it('the embedded chart frames the app at the window size, not a fixed 900 × 640', () => {
    const html = embeddedPage({ id: 'pt', name: 'Pat Example', summary: 'test' }, 'http://app.test/launch?iss=x&launch=y');
    expect(html).toContain('<body class="frame">');
    expect(html).toContain('#app-frame{flex:1;width:100%;min-height:0;');
    expect(html).toContain('body.frame{display:flex;flex-direction:column;height:100vh}');
    expect(html).not.toMatch(/900px|640px/);
    expect(html).toContain('src="http://app.test/launch?iss=x&#38;launch=y"');
  });

  it('the launcher and sign-in pages keep wide controls and codes inside the page width', () => {
    const html = launcherPage({ practitioners: [], patients: [], appLaunchUrl: 'http://app.test/launch', fhirBase: 'http://ehr.test/fhir' });
    expect(html).toContain('<body>');
    expect(html).toContain('select,input,button{max-width:100%}');
    expect(html).toContain('code{overflow-wrap:anywhere}');
  });
});
