namespace BackCare.Clinical.Language;

/// <summary>When a finding happened, as the words around it say.</summary>
public enum Temporality
{
    /// <summary>Now or lately: the default when nothing says otherwise.</summary>
    Recent,

    /// <summary>In the past: "history of", "previous", "years ago".</summary>
    Historical,

    /// <summary>Not yet, maybe never: "if you develop", "return if", "as if".</summary>
    Hypothetical,
}

/// <summary>Whose finding it is.</summary>
public enum Experiencer
{
    Patient,

    /// <summary>Someone else: "family history of", "his mother".</summary>
    Other,
}

/// <summary>
/// What the words around a target say about it. <see cref="Uncertain"/> marks a hedge ("I think", "maybe",
/// "possible", "?"); a hedged finding is not negated, and readers should treat it as present.
/// </summary>
public readonly record struct ContextJudgement(bool Negated, Temporality Temporality, Experiencer Experiencer, bool Uncertain)
{
    /// <summary>Nothing said about the target: present, recent, the patient's own, certain.</summary>
    public static ContextJudgement Plain => new(false, Temporality.Recent, Experiencer.Patient, false);
}
