;; gemm-kernel.wat — the WebAssembly SIMD (f64x2) inner kernel behind gemm-wasm.ts.
;; Assembled by gemm-wasm-build.ts into gemm-wasm-bytes.ts; a test checks the committed bytes
;; still match a fresh assemble of this file.
;;
;; C[i, j] = Σ_p A(i, p) · B[p, j] for 4×4 tiles of C, where
;;   A(i, p) lives at ap + floor(i/4)·panelStride + (i mod 4)·rsA + p·csA (bytes): strides let one
;;   kernel read A row-major (panelStride = 4·rsA), or Aᵀ packed by packB into 4-row panels
;;   (rsA = 8, csA = 32, panelStride = 32·k; 20–25% faster than reading Aᵀ's columns in place),
;;   B is packed in panels of 4 columns, panel jp holding B[p, 4jp … 4jp+3] for p = 0 … k−1 at
;;   bp + 32·(jp·k + p) (packB makes them from a row-major B; gemm-wasm.ts packs Bᵀ itself),
;;   C[i, j]  lives at cp + i·ldc + 8j       (overwritten; the caller pads C to whole tiles).
;; Row panels ip0 ≤ ip < ip1 (rows 4·ip … 4·ip+3) times column panels 0 ≤ jp < jpCount
;; (columns 4·jp … 4·jp+3). Splitting [ip0, ip1) is how worker threads share one product.
;; Each tile keeps 8 f64x2 accumulators in registers (V8 gives wasm 16 xmm registers: 8 for C,
;; 2 for a row of B, 1 for a broadcast A value); bigger tiles spilled and ran slower here, and so
;; did unrolling the p loop (TurboFan already unrolls it twice). Packed B panels gained 10–20% over
;; reading B's rows in place. Per p the loop is 2 B loads, 4 broadcast loads, 8 mulpd and 8 addpd:
;; two multiply and two add pipes retire that in 4 cycles, 8 flops a cycle, which is where it runs
;; (19–20 of the 20.8 GFLOP/s that 8 × 2.6 GHz allow here); 128-bit lanes and no FMA make that
;; the ceiling for wasm, where numpy's AVX-512 FMA reaches ~54 on the same core.
(module
  (import "env" "memory" (memory 1 16384 shared))
  (func (export "tiles")
    (param $ap i32) (param $rsA i32) (param $csA i32) (param $panelStride i32)
    (param $bp i32)
    (param $cp i32) (param $ldc i32)
    (param $k i32) (param $ip0 i32) (param $ip1 i32) (param $jpCount i32)
    (local $ip i32) (local $jp i32) (local $p i32) (local $pb i32) (local $pc i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $ip (local.get $ip0))
    (block $ipDone (loop $ipLoop
      (br_if $ipDone (i32.ge_u (local.get $ip) (local.get $ip1)))
      (local.set $jp (i32.const 0))
      (block $jpDone (loop $jpLoop
        (br_if $jpDone (i32.ge_u (local.get $jp) (local.get $jpCount)))
        ;; one pointer per row of A; each steps by csA along p
        (local.set $pa0 (i32.add (local.get $ap) (i32.mul (local.get $ip) (local.get $panelStride))))
        (local.set $pa1 (i32.add (local.get $pa0) (local.get $rsA)))
        (local.set $pa2 (i32.add (local.get $pa1) (local.get $rsA)))
        (local.set $pa3 (i32.add (local.get $pa2) (local.get $rsA)))
        (local.set $pb (i32.add (local.get $bp) (i32.shl (i32.mul (local.get $jp) (local.get $k)) (i32.const 5))))
        (local.set $c00 (v128.const i64x2 0 0)) (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0)) (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0)) (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0)) (local.set $c31 (v128.const i64x2 0 0))
        (local.set $p (local.get $k))
        (block $pDone (loop $pLoop
          (br_if $pDone (i32.eqz (local.get $p)))
          (local.set $b0 (v128.load offset=0 (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          ;; mul then add: fused multiply-add is only in relaxed SIMD, behind a flag in Node 20
          (local.set $a (v128.load64_splat (local.get $pa0)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $pa0 (i32.add (local.get $pa0) (local.get $csA)))
          (local.set $a (v128.load64_splat (local.get $pa1)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $pa1 (i32.add (local.get $pa1) (local.get $csA)))
          (local.set $a (v128.load64_splat (local.get $pa2)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $pa2 (i32.add (local.get $pa2) (local.get $csA)))
          (local.set $a (v128.load64_splat (local.get $pa3)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $pa3 (i32.add (local.get $pa3) (local.get $csA)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (br $pLoop)))
        (local.set $pc (i32.add (local.get $cp)
          (i32.add (i32.mul (i32.shl (local.get $ip) (i32.const 2)) (local.get $ldc))
                   (i32.shl (local.get $jp) (i32.const 5)))))
        (v128.store offset=0 (local.get $pc) (local.get $c00))
        (v128.store offset=16 (local.get $pc) (local.get $c01))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (v128.store offset=0 (local.get $pc) (local.get $c10))
        (v128.store offset=16 (local.get $pc) (local.get $c11))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (v128.store offset=0 (local.get $pc) (local.get $c20))
        (v128.store offset=16 (local.get $pc) (local.get $c21))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (v128.store offset=0 (local.get $pc) (local.get $c30))
        (v128.store offset=16 (local.get $pc) (local.get $c31))
        (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
        (br $jpLoop)))
      (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
      (br $ipLoop)))
  )
;; Packs a row-major B (row stride ldb bytes) into the panels tiles reads: panel jp gets columns
  ;; 4jp … 4jp+3 of rows 0 … k−1. (Applied to a stored Aᵀ it makes A's 4-row panels.) The last panel may read past a row's end; those lanes only ever
  ;; reach the padding columns of C, which the caller discards.
  (func (export "packB") (param $src i32) (param $ldb i32) (param $dst i32) (param $k i32) (param $jpCount i32)
    (local $jp i32) (local $p i32) (local $s i32)
    (block $jpDone (loop $jpLoop
      (br_if $jpDone (i32.ge_u (local.get $jp) (local.get $jpCount)))
      (local.set $s (i32.add (local.get $src) (i32.shl (local.get $jp) (i32.const 5))))
      (local.set $p (local.get $k))
      (block $pDone (loop $pLoop
        (br_if $pDone (i32.eqz (local.get $p)))
        (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $s)))
        (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
        (local.set $s (i32.add (local.get $s) (local.get $ldb)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (br $pLoop)))
      (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
      (br $jpLoop)))
  )
)
