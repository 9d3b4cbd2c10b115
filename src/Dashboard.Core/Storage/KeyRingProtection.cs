using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Core.Storage;

/// <summary>
/// The Data Protection key ring lives in the store (<c>DataProtectionKeys</c>), so each key is encrypted there with a
/// certificate that is <b>not</b> in the store: a copy of the database alone cannot decrypt credentials or secrets.
/// <c>DataProtection:Certificate:Path</c> (a PKCS#12 file) and <c>Password</c> name the certificate; certificates listed
/// in <c>PreviousPaths</c> still decrypt keys written before a rotation. In Development, with no path configured, the
/// app makes its own certificate file beside the database (<see cref="DevelopmentFileName"/>).
/// </summary>
public static class KeyRingProtection
{
    public const string PathKey = "DataProtection:Certificate:Path";
    public const string PasswordKey = "DataProtection:Certificate:Password";
    public const string PreviousPathsKey = "DataProtection:Certificate:PreviousPaths";
    public const string DevelopmentFileName = "data-protection-development.pfx";

    /// <param name="developmentFolder">Where to make a certificate when none is configured; null outside Development.</param>
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(
        this IDataProtectionBuilder builder, IConfiguration configuration, string contentRoot, string? developmentFolder)
    {
        var configured = configuration[PathKey];
        X509Certificate2 current;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            current = Load(Path.GetFullPath(configured, contentRoot), configuration[PasswordKey]);
        }
        else if (developmentFolder is not null)
        {
            current = DevelopmentCertificate(Path.Combine(developmentFolder, DevelopmentFileName));
        }
        else
        {
            throw new InvalidOperationException($"{PathKey} is not set: the Data Protection key ring must be encrypted with a certificate outside the database.");
        }

        var previous = configuration.GetSection(PreviousPathsKey).GetChildren()
            .Select(entry => entry.Value).OfType<string>().Where(path => path.Length > 0)
            .Select(path => Load(Path.GetFullPath(path, contentRoot), configuration[PasswordKey]));
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"The key-ring certificate '{path}' has no private key; it could not decrypt the keys it encrypts.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"The key-ring certificate '{path}' ({PathKey}) could not be read: {e.Message}", e);
        }
    }

    /// <summary>A self-signed RSA certificate kept in a file only its owner can read; made once, then reused.</summary>
    private static X509Certificate2 DevelopmentCertificate(string path)
    {
        if (!File.Exists(path))
        {
            // On PostgreSQL there is no database file whose folder already exists.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=Libre Connect Dashboard development key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllBytes(temporary, made.Export(X509ContentType.Pkcs12));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process made it first; use theirs
            }
        }
        return Load(path, password: null);
    }
}
