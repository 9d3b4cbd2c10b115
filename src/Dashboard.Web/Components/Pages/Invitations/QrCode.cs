using QRCoder;

namespace Dashboard.Web.Components.Pages.Invitations;

/// <summary>A link as a QR code image the page can show inline (a PNG data URI; the CSP allows <c>data:</c> images).</summary>
public static class QrCode
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
