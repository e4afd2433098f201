package io.keyward.crypto;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id, version 1.3 (RFC 9106), computed in a reusable memory arena.
 *
 * <p>Why not a library's: BouncyCastle's generator allocates its whole memory (7-19 MiB of small
 * block objects) on every call, and under a stream of logins that memory outlives young collections
 * and is copied or promoted; in the server a create cost twice the CPU of the same hash in a quiet
 * JVM (issue 8). Here each computation borrows one flat {@code long[]} arena, kept for the next one,
 * and at most one computation per core runs at a time: more would only evict each other's arena from
 * the CPU caches, and the cap also bounds the memory a burst of logins can claim.
 *
 * <p>Blake2b (for H0 and the variable-length hash H') comes from BouncyCastle; the memory-filling
 * part, where all the time goes, is below. {@code Argon2idTest} checks it against RFC 9106's test
 * vector and against BouncyCastle's generator.
 *
 * <p>Where libargon2 loads, {@link #hash} hands the computation to it ({@link NativeArgon2id}, faster);
 * the per-core cap applies to both engines.
 */
final class Argon2id {
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;
    private static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    private static final long M = 0xFFFFFFFFL;
    private static final int SLOTS = Runtime.getRuntime().availableProcessors();
    private static final Semaphore RUNNING = new Semaphore(SLOTS, true);
    private static final BlockingQueue<long[]> ARENAS = new ArrayBlockingQueue<>(SLOTS);
    /** Arenas up to OWASP's 19 MiB variant are kept for reuse; bigger ones (imported hashes) are not. */
    private static final int POOLED_LONGS = 19 * 1024 * BLOCK_LONGS;

    private Argon2id() {
    }

    /** The code that fills the memory. */
    enum Engine {
        /** libargon2 (C), see {@link NativeArgon2id}. */
        NATIVE,
        /** The implementation below. */
        JAVA
    }

    /** The engine {@link #hash} uses: libargon2 where it loads and passes its self-check, else the Java one. */
    static Engine engine() {
        return NativeArgon2id.available() ? Engine.NATIVE : Engine.JAVA;
    }

    /**
     * The tag of {@code password} under {@code salt}, with m KiB of memory, t passes and p lanes. The
     * password array is consumed: it is zeroed before this returns.
     */
    static byte[] hash(byte[] password, byte[] salt, int memoryKib, int passes, int lanes, int tagLength) {
        return hash(engine(), password, salt, new byte[0], new byte[0], memoryKib, passes, lanes, tagLength);
    }

    /**
     * As above, computed by the given engine (the Java one where libargon2 does not take these inputs), with
     * RFC 9106's optional secret K and associated data X.
     */
    static byte[] hash(Engine engine, byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKib,
                       int passes, int lanes, int tagLength) {
        if (lanes < 1 || passes < 1 || tagLength < 4 || memoryKib < 8 * lanes) {
            throw new IllegalArgumentException("invalid Argon2 parameters");
        }
        if (engine == Engine.NATIVE && !NativeArgon2id.available()) {
            throw new IllegalStateException("libargon2 is not available");
        }
        if (engine == Engine.NATIVE && NativeArgon2id.accepts(password, salt)) {
            RUNNING.acquireUninterruptibly();
            try {
                return NativeArgon2id.hash(password, salt, secret, associated, memoryKib, passes, lanes, tagLength);
            } finally {
                Arrays.fill(password, (byte) 0);
                RUNNING.release();
            }
        }
        int laneLength = memoryKib / (SYNC_POINTS * lanes) * SYNC_POINTS;
        int blocks = laneLength * lanes;
        RUNNING.acquireUninterruptibly();
        long[] arena = ARENAS.poll();
        Run run = null;
        try {
            if (arena == null || arena.length < blocks * BLOCK_LONGS) {
                arena = new long[blocks * BLOCK_LONGS];
            }
            run = new Run(arena, lanes, laneLength, passes);
            return run.compute(password, salt, secret, associated, memoryKib, tagLength);
        } finally {
            // Nothing derived from the password outlives the computation: not in the arena kept for the next
            // one, not in a heap dump of a garbage arena, not in the caller's password bytes.
            Arrays.fill(arena, 0, Math.min(arena.length, blocks * BLOCK_LONGS), 0L);
            if (run != null) {
                run.wipe();
            }
            Arrays.fill(password, (byte) 0);
            if (arena.length <= POOLED_LONGS) {
                ARENAS.offer(arena);
            }
            RUNNING.release();
        }
    }

    /** The arenas kept for reuse (tests check that they hold nothing). */
    static long[][] pooledArenas() {
        return ARENAS.toArray(new long[0][]);
    }

    /** One computation: the arena and the geometry of its memory. */
    private static final class Run {
        private final long[] mem;
        private final int lanes;
        private final int laneLength;
        private final int segmentLength;
        private final int passes;
        private final long[] r = new long[BLOCK_LONGS];
        private final long[] tmp = new long[BLOCK_LONGS];
        private final long[] zero = new long[BLOCK_LONGS];
        private final long[] input = new long[BLOCK_LONGS];
        private final long[] addresses = new long[BLOCK_LONGS];

        /** Scratch bytes of the current computation, zeroed by {@link #wipe}. */
        private byte[] h0;
        private byte[] seed;
        private byte[] block;
        private long[] last;

        void wipe() {
            for (long[] a : new long[][] {r, tmp, input, addresses, last}) {
                if (a != null) {
                    Arrays.fill(a, 0L);
                }
            }
            for (byte[] b : new byte[][] {h0, seed, block}) {
                if (b != null) {
                    Arrays.fill(b, (byte) 0);
                }
            }
        }

        Run(long[] mem, int lanes, int laneLength, int passes) {
            this.mem = mem;
            this.lanes = lanes;
            this.laneLength = laneLength;
            this.segmentLength = laneLength / SYNC_POINTS;
            this.passes = passes;
        }

        byte[] compute(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKib, int tagLength) {
            byte[] h0 = this.h0 = initialHash(password, salt, secret, associated, memoryKib, tagLength);
            byte[] seed = this.seed = new byte[h0.length + 8];
            System.arraycopy(h0, 0, seed, 0, h0.length);
            byte[] block = this.block = new byte[1024];
            for (int lane = 0; lane < lanes; lane++) {
                for (int i = 0; i < 2; i++) {
                    putInt(seed, h0.length, i);
                    putInt(seed, h0.length + 4, lane);
                    variableHash(seed, block);
                    readBlock(block, (lane * laneLength + i) * BLOCK_LONGS);
                }
            }
            for (int pass = 0; pass < passes; pass++) {
                for (int slice = 0; slice < SYNC_POINTS; slice++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        fillSegment(pass, lane, slice);
                    }
                }
            }
            long[] last = this.last = new long[BLOCK_LONGS];
            for (int lane = 0; lane < lanes; lane++) {
                int at = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    last[k] ^= mem[at + k];
                }
            }
            for (int k = 0; k < BLOCK_LONGS; k++) {
                putLong(block, k * 8, last[k]);
            }
            byte[] tag = new byte[tagLength];
            variableHash(block, tag);
            return tag;
        }

        private void readBlock(byte[] block, int at) {
            for (int k = 0; k < BLOCK_LONGS; k++) {
                long v = 0;
                for (int j = 7; j >= 0; j--) {
                    v = (v << 8) | (block[k * 8 + j] & 0xFF);
                }
                mem[at + k] = v;
            }
        }

        private byte[] initialHash(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKib,
                                   int tagLength) {
            Blake2bDigest d = new Blake2bDigest(512);
            int[] head = {lanes, tagLength, memoryKib, passes, VERSION, TYPE_ID};
            for (int v : head) {
                updateInt(d, v);
            }
            updateInt(d, password.length);
            d.update(password, 0, password.length);
            updateInt(d, salt.length);
            d.update(salt, 0, salt.length);
            updateInt(d, secret.length);
            d.update(secret, 0, secret.length);
            updateInt(d, associated.length);
            d.update(associated, 0, associated.length);
            byte[] out = new byte[64];
            d.doFinal(out, 0);
            return out;
        }

        private void fillSegment(int pass, int lane, int slice) {
            boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
            if (independent) {
                Arrays.fill(input, 0);
                input[0] = pass;
                input[1] = lane;
                input[2] = slice;
                input[3] = (long) laneLength * lanes;
                input[4] = passes;
                input[5] = TYPE_ID;
            }
            int start = 0;
            if (pass == 0 && slice == 0) {
                start = 2;
                if (independent) {
                    nextAddresses();
                }
            }
            int current = lane * laneLength + slice * segmentLength + start;
            int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
            for (int i = start; i < segmentLength; i++, current++, previous++) {
                if (current % laneLength == 1) {
                    previous = current - 1;
                }
                long pseudoRandom;
                if (independent) {
                    if (i % BLOCK_LONGS == 0) {
                        nextAddresses();
                    }
                    pseudoRandom = addresses[i % BLOCK_LONGS];
                } else {
                    pseudoRandom = mem[previous * BLOCK_LONGS];
                }
                int refLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
                int refIndex = referenceIndex(pass, slice, i, pseudoRandom & 0xFFFFFFFFL, refLane == lane);
                fillBlock(mem, previous * BLOCK_LONGS, mem, (refLane * laneLength + refIndex) * BLOCK_LONGS,
                        mem, current * BLOCK_LONGS, pass > 0);
            }
        }

        private int referenceIndex(int pass, int slice, int index, long j1, boolean sameLane) {
            long area;
            if (pass == 0) {
                if (slice == 0) {
                    area = index - 1;
                } else if (sameLane) {
                    area = (long) slice * segmentLength + index - 1;
                } else {
                    area = (long) slice * segmentLength + (index == 0 ? -1 : 0);
                }
            } else if (sameLane) {
                area = laneLength - segmentLength + index - 1;
            } else {
                area = laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            long x = (j1 * j1) >>> 32;
            long relative = area - 1 - ((area * x) >>> 32);
            long start = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segmentLength : 0;
            return (int) ((start + relative) % laneLength);
        }

        private void nextAddresses() {
            input[6]++;
            fillBlock(zero, 0, input, 0, addresses, 0, false);
            fillBlock(zero, 0, addresses, 0, addresses, 0, false);
        }

        /** next = G(prev, ref), or G(prev, ref) XOR next (passes after the first, version 1.3). */
        private void fillBlock(long[] prevMem, int prev, long[] refMem, int ref, long[] nextMem, int next, boolean xor) {
            long[] r = this.r;
            long[] tmp = this.tmp;
            for (int k = 0; k < BLOCK_LONGS; k++) {
                long v = prevMem[prev + k] ^ refMem[ref + k];
                r[k] = v;
                tmp[k] = xor ? v ^ nextMem[next + k] : v;
            }
            for (int row = 0; row < 8; row++) {
                int b = row * 16;
                permute(r, b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7,
                        b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15);
            }
            for (int col = 0; col < 8; col++) {
                int b = col * 2;
                permute(r, b, b + 1, b + 16, b + 17, b + 32, b + 33, b + 48, b + 49,
                        b + 64, b + 65, b + 80, b + 81, b + 96, b + 97, b + 112, b + 113);
            }
            for (int k = 0; k < BLOCK_LONGS; k++) {
                nextMem[next + k] = tmp[k] ^ r[k];
            }
        }
    }

    /**
     * The permutation P of RFC 9106 on sixteen words of {@code v}, given by their indexes: eight GB
     * mixes (Blake2b's G with the multiplication of the low halves), on locals so that the JIT can keep
     * them in registers.
     */
    private static void permute(long[] v, int i0, int i1, int i2, int i3, int i4, int i5, int i6, int i7,
                                int i8, int i9, int i10, int i11, int i12, int i13, int i14, int i15) {
        long v0 = v[i0];
        long v1 = v[i1];
        long v2 = v[i2];
        long v3 = v[i3];
        long v4 = v[i4];
        long v5 = v[i5];
        long v6 = v[i6];
        long v7 = v[i7];
        long v8 = v[i8];
        long v9 = v[i9];
        long v10 = v[i10];
        long v11 = v[i11];
        long v12 = v[i12];
        long v13 = v[i13];
        long v14 = v[i14];
        long v15 = v[i15];
        v0 += v4 + 2 * (v0 & M) * (v4 & M);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12 + 2 * (v8 & M) * (v12 & M);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + 2 * (v0 & M) * (v4 & M);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12 + 2 * (v8 & M) * (v12 & M);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + 2 * (v1 & M) * (v5 & M);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13 + 2 * (v9 & M) * (v13 & M);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + 2 * (v1 & M) * (v5 & M);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13 + 2 * (v9 & M) * (v13 & M);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + 2 * (v2 & M) * (v6 & M);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14 + 2 * (v10 & M) * (v14 & M);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + 2 * (v2 & M) * (v6 & M);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14 + 2 * (v10 & M) * (v14 & M);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + 2 * (v3 & M) * (v7 & M);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15 + 2 * (v11 & M) * (v15 & M);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + 2 * (v3 & M) * (v7 & M);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15 + 2 * (v11 & M) * (v15 & M);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + 2 * (v0 & M) * (v5 & M);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15 + 2 * (v10 & M) * (v15 & M);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + 2 * (v0 & M) * (v5 & M);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15 + 2 * (v10 & M) * (v15 & M);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + 2 * (v1 & M) * (v6 & M);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12 + 2 * (v11 & M) * (v12 & M);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + 2 * (v1 & M) * (v6 & M);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12 + 2 * (v11 & M) * (v12 & M);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + 2 * (v2 & M) * (v7 & M);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13 + 2 * (v8 & M) * (v13 & M);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + 2 * (v2 & M) * (v7 & M);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13 + 2 * (v8 & M) * (v13 & M);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + 2 * (v3 & M) * (v4 & M);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14 + 2 * (v9 & M) * (v14 & M);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + 2 * (v3 & M) * (v4 & M);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14 + 2 * (v9 & M) * (v14 & M);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        v[i0] = v0;
        v[i1] = v1;
        v[i2] = v2;
        v[i3] = v3;
        v[i4] = v4;
        v[i5] = v5;
        v[i6] = v6;
        v[i7] = v7;
        v[i8] = v8;
        v[i9] = v9;
        v[i10] = v10;
        v[i11] = v11;
        v[i12] = v12;
        v[i13] = v13;
        v[i14] = v14;
        v[i15] = v15;
    }

    /** H' of RFC 9106: Blake2b stretched to {@code out.length} bytes. */
    static void variableHash(byte[] in, byte[] out) {
        byte[] length = new byte[4];
        putInt(length, 0, out.length);
        if (out.length <= 64) {
            Blake2bDigest d = new Blake2bDigest(out.length * 8);
            d.update(length, 0, 4);
            d.update(in, 0, in.length);
            d.doFinal(out, 0);
            return;
        }
        byte[] v = new byte[64];
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(length, 0, 4);
        d.update(in, 0, in.length);
        d.doFinal(v, 0);
        int written = 0;
        System.arraycopy(v, 0, out, 0, 32);
        written += 32;
        while (out.length - written > 64) {
            d = new Blake2bDigest(512);
            d.update(v, 0, 64);
            d.doFinal(v, 0);
            System.arraycopy(v, 0, out, written, 32);
            written += 32;
        }
        int rest = out.length - written;
        d = new Blake2bDigest(rest * 8);
        d.update(v, 0, 64);
        byte[] last = new byte[rest];
        d.doFinal(last, 0);
        System.arraycopy(last, 0, out, written, rest);
    }

    private static void updateInt(Blake2bDigest d, int v) {
        byte[] b = new byte[4];
        putInt(b, 0, v);
        d.update(b, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int k = 0; k < 8; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }
}
