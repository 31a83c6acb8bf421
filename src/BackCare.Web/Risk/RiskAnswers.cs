using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackCare.Clinical.Risk;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Web.Risk;

/// <summary>
/// The risk screen's answers so far, one letter per question in order: <c>y</c> or <c>n</c> for the eight yes/no
/// questions, <c>0</c> to <c>4</c> for how bothersome the pain has been. They travel between the pages in a
/// protected field, like the check's answers, and are stored only when all nine are given.
/// </summary>
public sealed class RiskAnswers
{
    public const int QuestionCount = 9;
    public const int BothersomeNumber = 9;

    private readonly char[] _answers;

    private RiskAnswers(string answers) => _answers = answers.ToCharArray();

    public static RiskAnswers Empty => new("");

    public int Count => _answers.Length;

    public bool IsComplete => Count == QuestionCount;

    /// <summary>The answer to question <paramref name="number"/> (1 to 9) in the form's terms, or null when not answered yet.</summary>
    public string? ValueOf(int number) => number <= Count ? _answers[number - 1] switch
    {
        'y' => "yes",
        'n' => "no",
        var digit => digit.ToString(),
    } : null;

    /// <summary>Answers question <paramref name="number"/> with a form value; false when the value is not one of its answers.</summary>
    public bool TryAnswer(int number, string? value, out RiskAnswers answered)
    {
        answered = this;
        if (number < 1 || number > Count + 1 || number > QuestionCount)
        {
            return false;
        }

        char? letter = number == BothersomeNumber
            ? value is { Length: 1 } && value[0] is >= '0' and <= '4' ? value[0] : null
            : value switch { "yes" => 'y', "no" => 'n', _ => null };
        if (letter is not { } answer)
        {
            return false;
        }

        var copy = (char[])_answers.Clone();
        if (number <= copy.Length)
        {
            copy[number - 1] = answer;
            answered = new RiskAnswers(new string(copy));
        }
        else
        {
            answered = new RiskAnswers(new string(copy) + answer);
        }

        return true;
    }

    public StartBackAnswers ToEngine()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException("The risk screen is not finished.");
        }

        bool Yes(int i) => _answers[i] == 'y';
        return new StartBackAnswers(Yes(0), Yes(1), Yes(2), Yes(3), Yes(4), Yes(5), Yes(6), Yes(7), (Bothersomeness)(_answers[8] - '0'));
    }

    /// <summary>The answers as stored: each question's id with its answer.</summary>
    public string ToJson()
    {
        var questions = StartBack.Questions;
        var stored = new Dictionary<string, object>(QuestionCount);
        for (var i = 0; i < Count; i++)
        {
            stored[questions[i].Id] = i + 1 == BothersomeNumber ? StartBack.BothersomeChoices[_answers[i] - '0'] : _answers[i] == 'y';
        }

        return JsonSerializer.Serialize(stored);
    }

    internal string Letters => new(_answers);

    internal static RiskAnswers? FromLetters(string letters)
    {
        if (letters.Length > QuestionCount)
        {
            return null;
        }

        for (var i = 0; i < letters.Length; i++)
        {
            var valid = i + 1 == BothersomeNumber ? letters[i] is >= '0' and <= '4' : letters[i] is 'y' or 'n';
            if (!valid)
            {
                return null;
            }
        }

        return new RiskAnswers(letters);
    }
}

/// <summary>Encrypts and signs the risk screen's answers for the page; they expire after a few hours.</summary>
public sealed class RiskAnswersProtector(IDataProtectionProvider provider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("BackCare.Risk.Answers.v1").ToTimeLimitedDataProtector();

    public string Protect(RiskAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.ASCII.GetBytes(answers.Letters), Lifetime));
    }

    /// <summary>The answers, an empty set for no token, or null when the token is altered or expired.</summary>
    public RiskAnswers? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return RiskAnswers.Empty;
        }

        try
        {
            return RiskAnswers.FromLetters(Encoding.ASCII.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
