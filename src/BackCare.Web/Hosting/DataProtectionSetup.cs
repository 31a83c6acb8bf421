using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BackCare.Data;
using Microsoft.AspNetCore.DataProtection;

namespace BackCare.Web.Hosting;

/// <summary>
/// Data Protection signs and encrypts the sign-in cookie, bearer tokens, form tokens and the check's saved answers. Its
/// keys live in BackCare's database (table <c>data_protection_keys</c>), so a restart, a move to another machine or a
/// second server behind the same database reads every cookie the others made instead of signing everybody out. With
/// <c>DataProtection:CertificatePath</c> (a .pfx with an RSA private key) and <c>DataProtection:CertificatePassword</c>
/// each key is encrypted with that certificate before it is stored, so a copy of the database alone cannot forge a
/// sign-in. See docs/decisions/0011-erasure-and-keys.md.
/// </summary>
internal static class DataProtectionSetup
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static IServiceCollection AddBackCareDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = services.AddDataProtection().SetApplicationName("BackCare").PersistKeysToDbContext<BackCareDbContext>();
        if (LoadCertificate(configuration) is { } certificate)
        {
            // Also the certificate to decrypt with: otherwise the framework looks it up in the machine's certificate store.
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            services.AddSingleton(new KeyEncryption(certificate));
        }

        return services;
    }

    /// <summary>Outside Development, a key ring stored in the clear is worth a warning at every start.</summary>
    public static void WarnWhenKeysAreUnencrypted(WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Services.GetService<KeyEncryption>() is not null)
        {
            return;
        }

        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataProtectionSetup).FullName!).LogWarning(
            "The Data Protection keys that sign sign-in cookies and tokens are stored unencrypted in the database " +
            "(table data_protection_keys): anyone with a copy of the database could sign in as anyone. Set {PathKey} to a .pfx " +
            "certificate with an RSA private key and {PasswordKey} to its password to encrypt them.",
            CertificatePathKey, CertificatePasswordKey);
    }

    private static X509Certificate2? LoadCertificate(IConfiguration configuration)
    {
        var path = configuration[CertificatePathKey];
        var password = configuration[CertificatePasswordKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return string.IsNullOrEmpty(password)
                ? null
                : throw new HostingConfigurationException($"{CertificatePasswordKey} is set but {CertificatePathKey} is not: name the .pfx file it opens.");
        }

        if (!File.Exists(path))
        {
            throw new HostingConfigurationException($"{CertificatePathKey} names '{path}', which does not exist (or cannot be seen by this process).");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new HostingConfigurationException(
                $"{CertificatePathKey} names '{path}', which could not be read as a PKCS#12 (.pfx) certificate with the password in " +
                $"{CertificatePasswordKey} ({e.Message}).", e);
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new HostingConfigurationException(
                $"{CertificatePathKey} names '{path}', a certificate without an RSA private key; the keys are encrypted with RSA and read back with the private key.");
        }

        return certificate;
    }

    /// <summary>Present in the services when the keys are encrypted; holds the certificate for the life of the app.</summary>
    private sealed class KeyEncryption(X509Certificate2 certificate) : IDisposable
    {
        public void Dispose() => certificate.Dispose();
    }
}
