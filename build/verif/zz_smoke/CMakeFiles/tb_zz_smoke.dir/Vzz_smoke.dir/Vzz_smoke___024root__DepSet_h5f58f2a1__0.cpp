// Verilated -*- C++ -*-
// DESCRIPTION: Verilator output: Design implementation internals
// See Vzz_smoke.h for the primary calling header

#include "verilated.h"

#include "Vzz_smoke__Syms.h"
#include "Vzz_smoke___024root.h"

#ifdef VL_DEBUG
VL_ATTR_COLD void Vzz_smoke___024root___dump_triggers__act(Vzz_smoke___024root* vlSelf);
#endif  // VL_DEBUG

void Vzz_smoke___024root___eval_triggers__act(Vzz_smoke___024root* vlSelf) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root___eval_triggers__act\n"); );
    // Body
    vlSelf->__VactTriggered.at(0U) = ((IData)(vlSelf->clk) 
                                      & (~ (IData)(vlSelf->__Vtrigrprev__TOP__clk)));
    vlSelf->__Vtrigrprev__TOP__clk = vlSelf->clk;
#ifdef VL_DEBUG
    if (VL_UNLIKELY(vlSymsp->_vm_contextp__->debug())) {
        Vzz_smoke___024root___dump_triggers__act(vlSelf);
    }
#endif
}
