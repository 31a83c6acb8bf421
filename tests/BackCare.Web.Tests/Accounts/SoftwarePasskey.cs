using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Web.Tests.Accounts;

/// <summary>
/// A passkey made in software, as WebAuthn defines one (an ES256 key pair, "none" attestation, CBOR-encoded key and
/// attestation object), to drive the pages' passkey ceremonies without a browser and to forge what an attacker would:
/// another site's origin, a missing user verification, another person's state.
/// </summary>
internal sealed class SoftwarePasskey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _credentialId = RandomNumberGenerator.GetBytes(32);
    private byte[] _userHandle = [];
    private uint _counter;

    public string Origin { get; set; } = "https://localhost";

    /// <summary>Whether the device says it checked the person (PIN, fingerprint, face).</summary>
    public bool VerifiesUser { get; set; } = true;

    public string CredentialId => WebEncoders.Base64UrlEncode(_credentialId);

    /// <summary>The answer to <c>navigator.credentials.create</c> for the options the page gave.</summary>
    public string Create(string optionsJson)
    {
        using var options = JsonDocument.Parse(optionsJson);
        var root = options.RootElement;
        var rpId = root.GetProperty("rp").GetProperty("id").GetString()!;
        _userHandle = WebEncoders.Base64UrlDecode(root.GetProperty("user").GetProperty("id").GetString()!);
        var clientData = ClientData("webauthn.create", root.GetProperty("challenge").GetString()!);
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var coseKey = Cbor.Map(
            (Cbor.Int(1), Cbor.Int(2)), (Cbor.Int(3), Cbor.Int(-7)), (Cbor.Int(-1), Cbor.Int(1)),
            (Cbor.Int(-2), Cbor.Bytes(parameters.Q.X!)), (Cbor.Int(-3), Cbor.Bytes(parameters.Q.Y!)));
        var attested = new byte[16 + 2 + _credentialId.Length];
        BinaryPrimitives.WriteUInt16BigEndian(attested.AsSpan(16), (ushort)_credentialId.Length);
        _credentialId.CopyTo(attested, 18);
        var authenticatorData = AuthenticatorData(rpId, attestedCredential: [.. attested, .. coseKey]);
        var attestationObject = Cbor.Map(
            (Cbor.Text("fmt"), Cbor.Text("none")), (Cbor.Text("attStmt"), Cbor.Map()), (Cbor.Text("authData"), Cbor.Bytes(authenticatorData)));
        return JsonSerializer.Serialize(new
        {
            id = CredentialId,
            rawId = CredentialId,
            type = "public-key",
            response = new
            {
                clientDataJSON = WebEncoders.Base64UrlEncode(clientData),
                attestationObject = WebEncoders.Base64UrlEncode(attestationObject),
                transports = new[] { "internal" },
            },
            clientExtensionResults = new { },
            authenticatorAttachment = "platform",
        });
    }

    /// <summary>The answer to <c>navigator.credentials.get</c>: this passkey's signature over the page's challenge.</summary>
    public string Get(string optionsJson)
    {
        using var options = JsonDocument.Parse(optionsJson);
        var root = options.RootElement;
        var clientData = ClientData("webauthn.get", root.GetProperty("challenge").GetString()!);
        var authenticatorData = AuthenticatorData(root.GetProperty("rpId").GetString()!, attestedCredential: null);
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new
        {
            id = CredentialId,
            rawId = CredentialId,
            type = "public-key",
            response = new
            {
                clientDataJSON = WebEncoders.Base64UrlEncode(clientData),
                authenticatorData = WebEncoders.Base64UrlEncode(authenticatorData),
                signature = WebEncoders.Base64UrlEncode(signature),
                userHandle = WebEncoders.Base64UrlEncode(_userHandle),
            },
            clientExtensionResults = new { },
            authenticatorAttachment = "platform",
        });
    }

    public void Dispose() => _key.Dispose();

    private byte[] ClientData(string type, string challenge) => Encoding.UTF8.GetBytes(
        JsonSerializer.Serialize(new { type, challenge, origin = Origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, byte[]? attestedCredential)
    {
        const byte userPresent = 0x01, userVerified = 0x04, attestedCredentialIncluded = 0x40;
        var flags = (byte)(userPresent | (VerifiesUser ? userVerified : 0) | (attestedCredential is null ? 0 : attestedCredentialIncluded));
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, ++_counter);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counter, .. attestedCredential ?? []];
    }

    /// <summary>The little of CBOR (RFC 8949) a passkey needs: integers, byte and text strings, and maps.</summary>
    private static class Cbor
    {
        public static byte[] Int(long value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

        public static byte[] Bytes(byte[] value) => [.. Head(2, (ulong)value.Length), .. value];

        public static byte[] Text(string value) => [.. Head(3, (ulong)Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];

        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries) =>
            [.. Head(5, (ulong)entries.Length), .. entries.SelectMany(e => e.Key.Concat(e.Value))];

        private static byte[] Head(int major, ulong length) => length switch
        {
            < 24 => [(byte)((major << 5) | (int)length)],
            <= byte.MaxValue => [(byte)((major << 5) | 24), (byte)length],
            <= ushort.MaxValue => [(byte)((major << 5) | 25), (byte)(length >> 8), (byte)length],
            _ => [(byte)((major << 5) | 26), (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        };
    }
}
