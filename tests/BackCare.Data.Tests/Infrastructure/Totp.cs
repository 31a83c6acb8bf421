using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace BackCare.Tests;

/// <summary>
/// What an authenticator app does, written from RFC 6238 (TOTP: HMAC-SHA1 over the 30-second step since 1970, six
/// digits) and RFC 4648 (base 32), so that the tests check BackCare against the standard rather than against itself.
/// </summary>
internal static class Totp
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The code an app holding <paramref name="base32Key"/> shows at <paramref name="at"/> (now, unless given).</summary>
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's default, and what every authenticator app and Identity's own provider use.
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var number = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The code of a step this key has not been given a code for yet in this run, as a person would wait for the app's
    /// next code: the server takes each step's code once. Waits for the clock when the steps it accepts are used up.
    /// </summary>
    public static string NextCode(string base32Key)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var last = LastSteps.GetOrAdd(base32Key, long.MinValue);
            var step = Math.Max(now, last + 1);
            if (step > now + 2)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
                continue;
            }

            if (LastSteps.TryUpdate(base32Key, step, last))
            {
                return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastSteps = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A six-digit code that is none of the ones the server accepts now (it allows 90 seconds either way).</summary>
    public static string WrongCode(string base32Key)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(i => Code(base32Key, now.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    /// <summary>Base 32 as the key is shown: upper or lower case, spaces allowed, no padding.</summary>
    public static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c != ' ' && c != '='))
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base 32 letter.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
