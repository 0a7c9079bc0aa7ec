import { describe, expect, it } from 'vitest';
import { remoteUrls } from '../../../src/web/remote-content.js';

describe('remoteUrls: what an HTML part would load from the network', () => {
  it.each([
    ['<img src="http://t.example/p.gif">', ['http://t.example/p.gif']],
    ["<IMG SRC='https://t.example/a.png' alt=x>", ['https://t.example/a.png']],
    ['<img src=//cdn.example/x.png>', ['//cdn.example/x.png']],
    ['<link rel="stylesheet" href="https://cdn.example/s.css">', ['https://cdn.example/s.css']],
    ['<script src="https://cdn.example/x.js"></script>', ['https://cdn.example/x.js']],
    ['<iframe src="https://ads.example/"></iframe>', ['https://ads.example/']],
    ['<img srcset="https://a.example/1x.png 1x, https://a.example/2x.png 2x">', ['https://a.example/1x.png', 'https://a.example/2x.png']],
    ['<td background="http://bg.example/b.jpg">', ['http://bg.example/b.jpg']],
    ['<div style="background:url(\'https://bg.example/c.png\')">', ['https://bg.example/c.png']],
    ['<img src="https://t.example/p?a=1&amp;b=2">', ['https://t.example/p?a=1&b=2']],
    // Not loads: a link the reader may click, data: and cid: images, relative paths.
    ['<a href="https://shop.example/">shop</a>', []],
    ['<img src="data:image/png;base64,AAAA"><img src="cid:logo@x">', []],
    ['<img src="/local.png">', []],
  ])('%s', (html, urls) => {
    expect(remoteUrls(html)).toEqual(urls);
  });

  it('lists each URL once, in order', () => {
    expect(remoteUrls('<img src="http://a/1"><img src="http://b/2"><img src="http://a/1">')).toEqual(['http://a/1', 'http://b/2']);
  });
});
