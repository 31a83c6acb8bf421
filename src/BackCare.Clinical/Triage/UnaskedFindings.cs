using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Triage;

/// <summary>
/// The findings that can on their own make a result <c>urgent</c> or <c>emergency</c>, worked out from the
/// triage rules themselves (each code alone, with each of its values, at a child's, an adult's and an older
/// person's age), so a new red-flag rule adds its code here without anyone remembering to. A narrative that
/// neither affirms nor denies one of them leaves it unasked (contract: "Reading a narrative").
/// </summary>
public static class UnaskedFindings
{
    private static readonly int[] ProbeAges = [10, 40, 80];

    /// <summary>The codes, in the contract's order.</summary>
    public static IReadOnlyList<FindingCode> CanRaiseAlone { get; } = Probe();

    /// <summary>The codes of <see cref="CanRaiseAlone"/> that <paramref name="findings"/> leaves unanswered, in the contract's order.</summary>
    public static IReadOnlyList<FindingCode> In(FindingSet findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var unasked = new List<FindingCode>(CanRaiseAlone.Count);
        foreach (var code in CanRaiseAlone)
        {
            if (!findings.IsAnswered(code))
            {
                unasked.Add(code);
            }
        }

        return unasked;
    }

    private static FindingCode[] Probe()
    {
        var codes = new List<FindingCode>();
        foreach (var definition in FindingCatalog.All)
        {
            if (Values(definition).Any(value => ProbeAges.Any(age => RaisesAlone(definition.Code, value, age))))
            {
                codes.Add(definition.Code);
            }
        }

        return [.. codes];
    }

    private static IEnumerable<object> Values(FindingDefinition definition) => definition.Kind switch
    {
        FindingKind.Boolean => [true],
        FindingKind.Choice => definition.Choices!,
        FindingKind.WholeNumber => [0, 1, 2, 5, 10],
        _ => [0.0, 1.0, 7.0, 14.0, 30.0, 100.0, 400.0],
    };

    private static bool RaisesAlone(FindingCode code, object value, int age)
    {
        var findings = new FindingSet();
        switch (value)
        {
            case bool flag:
                findings.Set(code, flag);
                break;
            case string choice:
                FindingReader.TrySetChoice(code, choice, findings);
                break;
            case int number:
                FindingReader.TrySetNumber(code, number, findings);
                break;
            case double number:
                FindingReader.TrySetNumber(code, number, findings);
                break;
        }

        return TriageEngine.Evaluate(age, findings).Disposition >= Disposition.Urgent;
    }
}
