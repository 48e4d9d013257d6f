// Verilated -*- C++ -*-
// DESCRIPTION: Verilator output: Design implementation internals
// See Vzz_smoke.h for the primary calling header

#include "verilated.h"

#include "Vzz_smoke__Syms.h"
#include "Vzz_smoke___024root.h"

void Vzz_smoke___024root___ctor_var_reset(Vzz_smoke___024root* vlSelf);

Vzz_smoke___024root::Vzz_smoke___024root(Vzz_smoke__Syms* symsp, const char* v__name)
    : VerilatedModule{v__name}
    , vlSymsp{symsp}
 {
    // Reset structure values
    Vzz_smoke___024root___ctor_var_reset(this);
}

void Vzz_smoke___024root::__Vconfigure(bool first) {
    if (false && first) {}  // Prevent unused
}

Vzz_smoke___024root::~Vzz_smoke___024root() {
}
