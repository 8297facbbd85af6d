namespace Federation.Scheduling;

/// <summary>
/// Bounded proportional shares ("water-filling"): member i's share of h replicas is
/// clamp(λ·w_i, lo_i, hi_i), with λ the smallest value at which the shares add up to h. A member of
/// weight 0 stays at its lo. S(t) = Σ clamp(t·w_i, lo_i, hi_i) is piecewise linear in t with
/// breakpoints at lo_i/w_i and hi_i/w_i; prefix sums over the breakpoints evaluate it in O(log n).
/// Arithmetic is exact: a share of exactly 3 must count as 3, never 2.9999. Weights, bounds and
/// seats are below 2^31, so their products and sums fit a long; products with sums use Int128.
/// </summary>
internal sealed class ShareCurve
{
    private readonly long[] _w;
    private readonly int[] _lo;
    private readonly int[] _hi;
    private readonly int[] _byHi;        // positive-weight members by hi/w, ascending
    private readonly int[] _byLo;        // positive-weight members by lo/w, ascending
    private readonly long[] _hiSum;    // [k]: Σ hi over _byHi[0..k)
    private readonly long[] _hiWeight; // [k]: Σ w over _byHi[0..k)
    private readonly long[] _loSum;    // [k]: Σ lo over _byLo[k..n)
    private readonly long[] _loWeight; // [k]: Σ w over _byLo[k..n)
    private readonly long _fixed;      // Σ lo of the weight-0 members (summed in the constructor)
    private readonly long _totalWeight;

    public ShareCurve(long[] weights, int[] lo, int[] hi)
    {
        (_w, _lo, _hi) = (weights, lo, hi);
        var count = 0;
        foreach (var w in weights)
        {
            count += w > 0 ? 1 : 0;
        }

        var positive = Scratch<int>.Get(ScratchSlot.ByHi, count);
        for (int i = 0, k = 0; i < weights.Length; i++)
        {
            if (weights[i] > 0)
            {
                positive[k++] = i;
            }
        }

        // Sorted in place (Array.Sort is not stable: the index breaks ties, as the stable sort did).
        _byHi = positive;
        _byLo = Scratch<int>.Get(ScratchSlot.ByLo, count);
        positive.CopyTo(_byLo, 0);
        Array.Sort(_byHi, new ByRatio(hi, weights));
        Array.Sort(_byLo, new ByRatio(lo, weights));
        (_hiSum, _hiWeight) = (Scratch<long>.Get(ScratchSlot.HiSum, count + 1), Scratch<long>.Get(ScratchSlot.HiWeight, count + 1));
        (_loSum, _loWeight) = (Scratch<long>.Get(ScratchSlot.LoSum, count + 1), Scratch<long>.Get(ScratchSlot.LoWeight, count + 1));
        for (var k = 0; k < positive.Length; k++)
        {
            _hiSum[k + 1] = _hiSum[k] + hi[_byHi[k]];
            _hiWeight[k + 1] = _hiWeight[k] + weights[_byHi[k]];
            var j = positive.Length - 1 - k;
            _loSum[j] = _loSum[j + 1] + lo[_byLo[j]];
            _loWeight[j] = _loWeight[j + 1] + weights[_byLo[j]];
        }

        for (var i = 0; i < weights.Length; i++)
        {
            _fixed += weights[i] <= 0 ? lo[i] : 0;
        }

        _totalWeight = _hiWeight[positive.Length];
        Floor = _fixed + _loSum[0];
        Capacity = _fixed + _hiSum[positive.Length];
    }

    /// <summary>Σ lo: the fewest replicas the members can hold.</summary>
    public long Floor { get; }

    /// <summary>The most replicas the members can hold (weight-0 members only their lo).</summary>
    public long Capacity { get; }

    /// <summary>The first house size at which a member holding <paramref name="seats"/> has a share above that: ⌊S(seats/w)⌋ + 1.</summary>
    public long HouseAbove(int seats, long weight)
    {
        var (c, slope) = Segment(seats, weight);
        // The product fits a long unless the weights add up to more than 2^32 (Dynamic with huge rooms).
        var rise = slope <= int.MaxValue ? seats * slope / weight : (long)((Int128)seats * slope / weight);
        return c + rise + 1;
    }

    /// <summary>Each member's share of <paramref name="house"/> replicas, rounded down and up.</summary>
    public (int[] Down, int[] Up) Shares(long house)
    {
        var (num, den) = Lambda(house);
        var (down, up) = (Scratch<int>.Get(ScratchSlot.ShareDown, _w.Length), Scratch<int>.Get(ScratchSlot.ShareUp, _w.Length));
        for (var i = 0; i < _w.Length; i++)
        {
            var exact = num * _w[i];
            down[i] = _w[i] <= 0 ? _lo[i] : (int)Int128.Clamp(exact / den, _lo[i], _hi[i]);
            up[i] = _w[i] <= 0 ? _lo[i] : (int)Int128.Clamp((exact + den - 1) / den, _lo[i], _hi[i]);
        }

        return (down, up);
    }

    // λ for a house size, as num/den: the last breakpoint t* with S(t*) < house fixes the linear
    // piece S(t) = c + t·slope that reaches house, and λ = (house − c) / slope on it.
    private (Int128 Num, Int128 Den) Lambda(long house)
    {
        if (house <= Floor)
        {
            return (0, 1);
        }

        var (p, q) = LastBelow(_byHi, _hi, house);
        var (lp, lq) = LastBelow(_byLo, _lo, house);
        if (q == 0 || (lq != 0 && Compare(lp, lq, p, q) > 0))
        {
            (p, q) = (lp, lq);
        }

        if (q == 0)
        {
            (p, q) = (0, 1); // cannot happen above Floor (the lowest lo/w lies below), but stay finite
        }

        var (c, slope) = Segment(p, q);
        return (house - c, slope);
    }

    private (long P, long Q) LastBelow(int[] order, int[] bound, long house)
    {
        var (low, high) = (0, order.Length - 1);
        var found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var (p, q) = ((long)bound[order[mid]], _w[order[mid]]);
            var (c, slope) = Segment(p, q);
            if (((Int128)c * q) + ((Int128)p * slope) < (Int128)house * q)
            {
                (found, low) = (mid, mid + 1);
            }
            else
            {
                high = mid - 1;
            }
        }

        return found < 0 ? (0, 0) : (bound[order[found]], _w[order[found]]);
    }

    // S(t) = c + t·slope around t = p/q: members with hi/w ≤ t sit at hi, those with lo/w > t at lo.
    private (long C, long Slope) Segment(long p, long q)
    {
        var saturated = FirstWhere(_byHi, _hi, p, q);
        var floored = FirstWhere(_byLo, _lo, p, q);
        return (_fixed + _hiSum[saturated] + _loSum[floored], _totalWeight - _hiWeight[saturated] - _loWeight[floored]);
    }

    // The first position in the order whose bound/w exceeds p/q.
    private int FirstWhere(int[] order, int[] bound, long p, long q)
    {
        var (low, high) = (0, order.Length);
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (bound[order[mid]] * q > p * _w[order[mid]])
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    private static int Compare(long p1, long q1, long p2, long q2) => (p1 * q2).CompareTo(p2 * q1);

    // Members by bound/weight, ascending; equal ratios by index, so the order is the stable sort's.
    private sealed class ByRatio(int[] bound, long[] weights) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            var byRatio = ShareCurve.Compare(bound[a], weights[a], bound[b], weights[b]);
            return byRatio != 0 ? byRatio : a.CompareTo(b);
        }
    }
}
