// The one bridge between ApexChart.razor and ApexCharts (loaded globally by App.razor from wwwroot/lib/apexcharts).
// Options arrive as JSON; a "formatter" given as a string names one of the functions below.

const formatters = {
    minutesOfDay: value => {
        const minutes = Math.round(Number(value)) % 1440;
        return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    },
    whole: value => value == null ? '' : Number(value).toFixed(0),
    oneDecimal: value => value == null ? '' : Number(value).toFixed(1),
    percent: value => value == null ? '' : `${Number(value).toFixed(1)} %`,
};

function withFunctions(node) {
    if (Array.isArray(node)) return node.map(withFunctions);
    if (node === null || typeof node !== 'object') return node;
    const result = {};
    for (const [key, value] of Object.entries(node)) {
        result[key] = key === 'formatter' && typeof value === 'string' ? formatters[value] ?? undefined : withFunctions(value);
    }
    return result;
}

const charts = new WeakMap();

export async function create(element, json) {
    destroy(element);
    const chart = new window.ApexCharts(element, withFunctions(JSON.parse(json)));
    charts.set(element, chart);
    await chart.render();
}

// Updates the chart in place: new options (axes, annotations, colours) and new series, without re-creating it.
export async function update(element, json) {
    const chart = charts.get(element);
    if (!chart) return create(element, json);
    const { series, ...options } = withFunctions(JSON.parse(json));
    await chart.updateOptions(options, false, false, false);
    await chart.updateSeries(series, false);
}

export function destroy(element) {
    const chart = charts.get(element);
    if (!chart) return;
    charts.delete(element);
    chart.destroy();
}
