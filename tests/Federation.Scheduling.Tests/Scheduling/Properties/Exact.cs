using System.Numerics;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>An exact fraction for the test oracle, so that a share of exactly 3 is 3.</summary>
internal readonly record struct Exact : IComparable<Exact>
{
    public Exact(BigInteger num, BigInteger den)
    {
        if (den.Sign < 0)
        {
            (num, den) = (-num, -den);
        }

        var gcd = BigInteger.GreatestCommonDivisor(num, den);
        (Num, Den) = gcd.IsZero ? (num, den) : (num / gcd, den / gcd);
    }

    public BigInteger Num { get; }

    public BigInteger Den { get; }

    public static implicit operator Exact(long value) => new(value, 1);

    public static Exact operator +(Exact a, Exact b) => new((a.Num * b.Den) + (b.Num * a.Den), a.Den * b.Den);

    public static Exact operator -(Exact a, Exact b) => new((a.Num * b.Den) - (b.Num * a.Den), a.Den * b.Den);

    public static Exact operator *(Exact a, Exact b) => new(a.Num * b.Num, a.Den * b.Den);

    public static Exact operator /(Exact a, Exact b) => new(a.Num * b.Den, a.Den * b.Num);

    public static bool operator <(Exact a, Exact b) => a.CompareTo(b) < 0;

    public static bool operator >(Exact a, Exact b) => a.CompareTo(b) > 0;

    public static bool operator <=(Exact a, Exact b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Exact a, Exact b) => a.CompareTo(b) >= 0;

    public BigInteger Floor => BigInteger.Divide(Num - (Num.Sign < 0 ? Den - 1 : 0), Den);

    public BigInteger Ceiling => -new Exact(-Num, Den).Floor;

    public static Exact Clamp(Exact x, Exact lo, Exact hi) => x < lo ? lo : x > hi ? hi : x;

    public int CompareTo(Exact other) => (Num * other.Den).CompareTo(other.Num * Den);

    public override string ToString() => Den.IsOne ? $"{Num}" : $"{(double)Num / (double)Den:0.###}";
}
