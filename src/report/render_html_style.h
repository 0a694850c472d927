// The HTML report's inline stylesheet. Private to the report module.
#pragma once

#include <string_view>

namespace tinyperf::report::detail {

inline constexpr std::string_view kReportCss = R"css(
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1f2328;
  font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans","Liberation Sans",sans-serif}
main{max-width:980px;margin:0 auto;padding:12px 20px 48px}
h1{font-size:1.55em;margin:.4em 0 .1em;overflow-wrap:anywhere}
h2{font-size:1.2em;margin:1.8em 0 .5em;padding-bottom:.2em;border-bottom:1px solid #d0d7de}
h3{font-size:1em;margin:1.2em 0 .3em}
p,li{overflow-wrap:anywhere}
.meta,figcaption,.note,.sub{color:#57606a}
.meta{margin:0}
figure{margin:.4em 0 1em}
figcaption{font-size:.9em;margin-top:.2em}
svg{display:block;width:100%;height:auto;max-width:900px}
ul.verdicts{list-style:none;padding:0}
ul.verdicts li{margin:.35em 0;display:flex;align-items:baseline;gap:.6em}
ul.verdicts .badge{flex:none;min-width:7.5em}
.badge{display:inline-block;text-align:center;padding:0 .5em;white-space:nowrap;
  border-radius:1em;font-size:.85em;font-weight:600;border:1px solid currentColor}
.v-faster{color:#1a7f37}.v-slower{color:#cf222e}.v-no_change{color:#57606a}
.v-inconclusive{color:#9a6700}.v-none,.v-baseline{color:#57606a}
table{border-collapse:collapse;width:100%;font-size:.86em;font-variant-numeric:tabular-nums}
th,td{padding:4px 6px;border-bottom:1px solid #d8dee4;text-align:right;vertical-align:top}
th{border-bottom:2px solid #afb8c1;font-weight:600}
th:first-child,td:first-child{text-align:left}
td.name{min-width:10em}
td .sub{display:block;font-size:.85em;white-space:nowrap}
th .sub{display:block;font-size:.85em;font-weight:normal;color:#57606a;white-space:nowrap}
ul.warnings{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;margin:0;
  padding:.5em 1em .5em 2em}
td.name .sub{white-space:normal}
table.scenarios{width:auto;min-width:60%}
table.scenarios td:first-child{color:#57606a;white-space:nowrap}
dl.kv{display:grid;grid-template-columns:minmax(8em,max-content) 1fr;gap:2px 16px;margin:0}
dl.kv dt{color:#57606a}
dl.kv dd{margin:0;overflow-wrap:anywhere}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:8px 32px}
.note{font-size:.92em}
footer{margin-top:2.5em;font-size:.85em;color:#57606a}
svg text{font-size:14px;fill:#1f2328}
svg .tick-label{font-size:13px;fill:#57606a}
svg .axis-label{font-size:14px;font-weight:600}
svg .row-name{font-size:14px}
svg .row-sub{font-size:12.5px;fill:#57606a}
svg .legend,svg .pt-label,svg .value-label{font-size:13px}
svg .pt-label.front{font-weight:600}
svg .grid{stroke:#eaeef2}
svg .axis,svg .tick{stroke:#8c959f}
svg .box{fill:#cfe2ff;stroke:#0a58ca;stroke-width:1.2}
svg .ci{fill:#0a58ca;fill-opacity:.35}
svg .median{stroke:#052c65;stroke-width:3}
svg .whisker{stroke:#0a58ca;stroke-width:1.5}
svg .run{fill:#6e7781;fill-opacity:.7}
svg .stated{fill:#fff;stroke:#0a58ca;stroke-width:2}
svg .reference{stroke:#1f2328;stroke-width:1.5;stroke-dasharray:5 4}
svg .speedup .point,svg .swatch{fill:currentColor}
svg .speedup .errbar{stroke:currentColor;stroke-width:2}
svg .speedup .value-label{fill:currentColor;font-weight:600}
svg .frontier{fill:none;stroke:#0a58ca;stroke-width:2}
svg .pt-front{fill:#0a58ca;stroke:#052c65;stroke-width:2}
svg .pt-dominated{fill:#fff;stroke:#6e7781;stroke-width:2}
svg .bar{fill:#8fb8f7}
svg .bar.role-baseline{fill:#8c959f}
#bench-summary td:not(:first-child){white-space:nowrap}
#bench-models th:nth-child(-n+3),#bench-models td:nth-child(-n+3){text-align:left}
svg .range{stroke:#8c959f;stroke-width:2}
svg .run-dot{fill:#0a58ca;fill-opacity:.55;stroke:#052c65;stroke-width:.8}
svg .role-baseline .run-dot{fill:#6e7781;stroke:#1f2328}
svg .missing{fill:#57606a;font-style:italic}
svg .overflow{font-size:13px;fill:#57606a;font-weight:600}
)css";

}  // namespace tinyperf::report::detail
