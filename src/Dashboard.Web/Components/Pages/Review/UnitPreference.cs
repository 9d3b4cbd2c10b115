using Dashboard.Core.Glucose;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Pages.Review;

/// <summary>The glucose unit a person reads charts in, remembered per browser in local storage (mg/dL unless chosen).</summary>
public sealed class UnitPreference(IJSRuntime js)
{
    public const string StorageKey = "lcd-glucose-unit";
    private const string MmolValue = "mmol/L";

    public async Task<GlucoseUnit> GetAsync()
    {
        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", StorageKey) == MmolValue ? GlucoseUnit.MmolPerL : GlucoseUnit.MgPerDl;
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException)
        {
            return GlucoseUnit.MgPerDl;
        }
    }

    public async Task RememberAsync(GlucoseUnit unit)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", StorageKey, GlucoseUnits.Symbol(unit));
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
