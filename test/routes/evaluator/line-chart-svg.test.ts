import { expect } from 'chai';
import { formatFixed } from '../../../server/i18n/format.js';
import { axisTicks, lineChartSvg, type LineChartSpec } from '../../../server/routes/evaluator/line-chart-svg.js';

const spec = (over: Partial<LineChartSpec> = {}): LineChartSpec => ({
  name: 'Trust by wave; the table below has the same numbers',
  categories: ['Wave 1', 'Wave 2', 'Wave 3'],
  axis: { min: 1, max: 5, title: 'Mean score' },
  series: [
    { label: 'Everyone', values: [4.1, 3.9, 3.2], low: [3.9, 3.7, 3.0], high: [4.3, 4.1, 3.4] },
    { label: 'Family caregivers', values: [4.2, null, 2.7], low: [4.0, null, 2.5], high: [4.4, null, 2.9] },
    { label: 'Service providers', values: [null, null, null] },
  ],
  references: [3, 4],
  ...over,
});

const count = (svg: string, pattern: RegExp) => svg.match(new RegExp(pattern, 'g'))?.length ?? 0;

describe('line chart as SVG', function () {
  it('is one image with the accessible name given, sized by its viewBox alone', function () {
    const svg = lineChartSvg(spec());
    expect(svg).to.match(
      /^<svg class="line-chart" viewBox="0 0 680 \d+" role="img" aria-label="Trust by wave; the table below has the same numbers" /,
    );
    expect(svg).to.match(/<\/svg>$/);
    expect(count(svg, /<svg/)).to.equal(1);
    expect(svg)
      .to.not.match(/ (width|height)="\d+%?" role/)
      .and.not.include('style=');
  });

  it("writes ticks between whole numbers as the page's language does", function () {
    const narrow = { axis: { min: 1, max: 3, title: 'Punteggio medio' } };
    expect(lineChartSvg(spec(narrow))).to.include('>1.5</text>');
    const italian = lineChartSvg(spec({ ...narrow, formatTick: (v) => formatFixed('it', v, 1) }));
    expect(italian).to.include('>1,5</text>').and.include('>2,5</text>').and.include('>2</text>');
    expect(italian).to.not.include('>1.5</text>');
  });

  it('escapes every text it prints, and its name', function () {
    const hostile = `<script>alert("x")</script> & 'y'`;
    const svg = lineChartSvg(
      spec({
        name: hostile,
        categories: [hostile, 'Wave 2', 'Wave 3'],
        axis: { min: 1, max: 5, title: hostile },
        series: [{ label: hostile, values: [1, 2, 3] }],
      }),
    );
    expect(svg).to.not.include('<script').and.not.include('"x"').and.not.include("'y'");
    expect(svg).to.include('aria-label="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;y&#39;"');
    expect(svg).to.include('>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;y&#39;</text>');
    // The category is shortened to fit under its point, then escaped.
    expect(svg).to.include('>&lt;script&gt;alert(&#34;x&#34;…</text>');
  });

  it('gives each line its own colour, dash and marker, in the legend as on the line', function () {
    const svg = lineChartSvg(spec());
    // Everyone: solid line and circles (3 on the line, 1 in the legend); caregivers: dashed, squares
    // (2 points on no line, since wave 2 is missing, and 1 in the legend); providers: a triangle in the legend only.
    expect(count(svg, /<circle /)).to.equal(4);
    expect(count(svg, /<rect /)).to.equal(3);
    expect(count(svg, /<polygon points="[^"]*" fill="#d4351c" stroke="#d4351c"\/>/)).to.equal(1);
    expect(count(svg, /<polyline /)).to.equal(1);
    expect(svg).to.include('stroke="#1d70b8" stroke-width="2" stroke-dasharray="8 4"/>');
    for (const label of ['Everyone', 'Family caregivers', 'Service providers'])
      expect(svg).to.include(`>${label}</text>`);
  });

  it('leaves a gap where a value is missing, and draws an interval alone as a bar', function () {
    const svg = lineChartSvg(spec());
    // Two intervals of caregivers stand alone; everyone's is one band over three waves.
    expect(count(svg, /stroke-opacity="0.2"/)).to.equal(2);
    expect(count(svg, /fill-opacity="0.13"/)).to.equal(1);
    expect(count(svg, /stroke="#505a5f" stroke-width="1.2" stroke-dasharray="3 3"/)).to.equal(2);
  });

  it('keeps every point inside the plot, whatever the values', function () {
    const svg = lineChartSvg(
      spec({ series: [{ label: 'Wild', values: [-40, 9, 3], low: [-50, 8, 2], high: [50, 10, 4] }] }),
    );
    // The plot runs from y = 10 to 180; the last circle is the legend's, under it.
    const ys = [...svg.matchAll(/cy="([-\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).to.have.length(4);
    for (const y of ys.slice(0, 3)) expect(y).to.be.within(10, 180);
    expect(svg).to.not.include('NaN');
  });

  it('turns the categories when they would run into each other, and grows to hold them', function () {
    const level = lineChartSvg(spec());
    const many = Array.from({ length: 12 }, (_, i) => `Follow-up ${i + 1}`);
    const turned = lineChartSvg(spec({ categories: many, series: [{ label: 'Everyone', values: many.map(() => 3) }] }));
    expect(level).to.not.include('rotate(-45)');
    expect(count(turned, /rotate\(-45\)/)).to.equal(12);
    const height = (svg: string) => Number(/viewBox="0 0 680 (\d+)"/.exec(svg)![1]);
    expect(height(turned)).to.be.greaterThan(height(level));
  });

  it('wraps the legend onto more rows when the names are long', function () {
    const names = ['Family caregivers of people at home', 'Service providers in the valley', 'Volunteers', 'Everyone'];
    const svg = lineChartSvg(spec({ series: names.map((label) => ({ label, values: [3, 3, 3] })) }));
    const rows = new Set([...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)">[A-Z]/g)].map((m) => m[1]));
    expect(rows.size).to.equal(2);
  });

  it('steps the value axis in round numbers', function () {
    expect(axisTicks(1, 5)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(axisTicks(0, 10)).to.deep.equal([0, 2, 4, 6, 8, 10]);
    expect(axisTicks(0, 100)).to.deep.equal([0, 20, 40, 60, 80, 100]);
    expect(axisTicks(-1, 1)).to.deep.equal([-1, -0.5, 0, 0.5, 1]);
    expect(axisTicks(3, 3)).to.deep.equal([3]);
  });
});
