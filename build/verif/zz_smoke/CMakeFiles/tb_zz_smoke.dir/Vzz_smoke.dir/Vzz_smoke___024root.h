// Verilated -*- C++ -*-
// DESCRIPTION: Verilator output: Design internal header
// See Vzz_smoke.h for the primary calling header

#ifndef VERILATED_VZZ_SMOKE___024ROOT_H_
#define VERILATED_VZZ_SMOKE___024ROOT_H_  // guard

#include "verilated.h"

class Vzz_smoke__Syms;

class Vzz_smoke___024root final : public VerilatedModule {
  public:

    // DESIGN SPECIFIC STATE
    VL_IN8(clk,0,0);
    VL_IN8(rst,0,0);
    CData/*0:0*/ __Vtrigrprev__TOP__clk;
    CData/*0:0*/ __VactContinue;
    VL_INW(in_data,127,0,4);
    VL_OUTW(out_data,127,0,4);
    IData/*31:0*/ __VactIterCount;
    VlTriggerVec<1> __VactTriggered;
    VlTriggerVec<1> __VnbaTriggered;

    // INTERNAL VARIABLES
    Vzz_smoke__Syms* const vlSymsp;

    // CONSTRUCTORS
    Vzz_smoke___024root(Vzz_smoke__Syms* symsp, const char* v__name);
    ~Vzz_smoke___024root();
    VL_UNCOPYABLE(Vzz_smoke___024root);

    // INTERNAL METHODS
    void __Vconfigure(bool first);
} VL_ATTR_ALIGNED(VL_CACHE_LINE_BYTES);


#endif  // guard
