using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BackCare.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCare.Web.Tests.Hardening;

/// <summary>
/// The Data Protection key ring lives in the database, so a second server (or the same one after a move) reads what the
/// first protected; with a certificate the stored keys are encrypted; a certificate that cannot be read stops the start.
/// </summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private const string Purpose = "BackCare.Tests.KeyRing";
    private const string CertificatePassword = "pfx password 7c1e";

    private readonly string _folder = Directory.CreateTempSubdirectory("backcare-keys-").FullName;

    private string Database => Path.Combine(_folder, "backcare.db");

    [Fact]
    public void Given_two_servers_on_one_database_When_one_protects_a_payload_Then_the_other_reads_it_and_the_one_key_is_in_the_table()
    {
        using var first = BackCareFactory.OnDatabase(Database);
        var payload = Protector(first).Protect("signed in as Sam");

        using var second = BackCareFactory.OnDatabase(Database);

        Protector(second).Unprotect(payload).ShouldBe("signed in as Sam");
        Protector(first).Unprotect(Protector(second).Protect("and back")).ShouldBe("and back");
        var keys = StoredKeys();
        keys.Count.ShouldBe(1, "the second server uses the first one's key instead of making its own");
        keys[0].ShouldContain("<masterKey");
        second.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("stored unencrypted", StringComparison.Ordinal)
            && e.Message.Contains(DataProtectionSetup.CertificatePathKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_certificate_When_a_key_is_made_Then_it_is_stored_encrypted_and_only_a_server_with_the_certificate_reads_the_payload()
    {
        var withCertificate = new Dictionary<string, string?>
        {
            [DataProtectionSetup.CertificatePathKey] = WriteCertificate("keys.pfx"),
            [DataProtectionSetup.CertificatePasswordKey] = CertificatePassword,
        };
        string payload;
        using (var first = BackCareFactory.OnDatabase(Database, withCertificate))
        {
            payload = Protector(first).Protect("signed in as Sam");
            first.Logs.Entries.ShouldNotContain(e => e.Message.Contains("stored unencrypted", StringComparison.Ordinal));
        }

        var key = StoredKeys().ShouldHaveSingleItem();
        key.ShouldContain("EncryptedData");
        key.ShouldNotContain("<masterKey", Case.Insensitive);
        key.ShouldNotContain("<value>", Case.Insensitive);

        using (var second = BackCareFactory.OnDatabase(Database, withCertificate))
        {
            Protector(second).Unprotect(payload).ShouldBe("signed in as Sam");
        }

        using var withoutCertificate = BackCareFactory.OnDatabase(Database);
        Should.Throw<CryptographicException>(() => Protector(withoutCertificate).Unprotect(payload), "the database alone does not give the key away");
    }

    [Fact]
    public void Given_a_certificate_path_that_does_not_exist_When_the_server_starts_Then_it_fails_naming_the_setting_and_never_the_password()
    {
        using var factory = BackCareFactory.OnDatabase(Database, new()
        {
            [DataProtectionSetup.CertificatePathKey] = Path.Combine(_folder, "no-such.pfx"),
            [DataProtectionSetup.CertificatePasswordKey] = CertificatePassword,
        });

        var failure = StartFailure(factory);

        failure.Message.ShouldContain(DataProtectionSetup.CertificatePathKey);
        failure.Message.ShouldContain("no-such.pfx");
        failure.Message.ShouldNotContain(CertificatePassword);
    }

    [Fact]
    public void Given_a_certificate_with_the_wrong_password_When_the_server_starts_Then_it_fails_naming_both_settings_and_never_the_password()
    {
        const string wrong = "not the pfx password";
        using var factory = BackCareFactory.OnDatabase(Database, new()
        {
            [DataProtectionSetup.CertificatePathKey] = WriteCertificate("keys.pfx"),
            [DataProtectionSetup.CertificatePasswordKey] = wrong,
        });

        var failure = StartFailure(factory);

        failure.Message.ShouldContain(DataProtectionSetup.CertificatePathKey);
        failure.Message.ShouldContain(DataProtectionSetup.CertificatePasswordKey);
        failure.Message.ShouldNotContain(wrong);
        failure.Message.ShouldNotContain(CertificatePassword);
    }

    public void Dispose()
    {
        BackCareFactory.DeleteDatabase(Database);
        Directory.Delete(_folder, recursive: true);
    }

    private static IDataProtector Protector(BackCareFactory factory) =>
        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    /// <summary>The start-up error, however the test host wraps it.</summary>
    private static HostingConfigurationException StartFailure(BackCareFactory factory)
    {
        var thrown = Should.Throw<Exception>(() => factory.Services);
        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            if (e is HostingConfigurationException failure)
            {
                return failure;
            }
        }

        throw new ShouldAssertException($"Expected a {nameof(HostingConfigurationException)}, got {thrown}");
    }

    private List<string> StoredKeys()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys ORDER BY id";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>A self-signed RSA certificate with its private key, as an operator would make one for the keys.</summary>
    private string WriteCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=BackCare Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }
}
