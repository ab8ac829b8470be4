# The PEFT family on one task
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 05-lora-peft-family.gp
set terminal pngcairo size 1100,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '05-lora-peft-family.png'
set termoption noenhanced
set title "The PEFT family on one task" font ',15'
set xlabel "trainable parameters (log scale)"
set ylabel "exact-match accuracy"
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key outside right box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set yrange [0:1]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '05-lora-peft-family.dat' index 0 using 1:2 with points lt 1 title "full fine-tuning", \
     '05-lora-peft-family.dat' index 1 using 1:2 with points lt 2 title "bottleneck adapters (m = 8)", \
     '05-lora-peft-family.dat' index 2 using 1:2 with points lt 3 title "prompt tuning (8 vectors)", \
     '05-lora-peft-family.dat' index 3 using 1:2 with points lt 4 title "BitFit (biases)", \
     '05-lora-peft-family.dat' index 4 using 1:2 with points lt 5 title "LayerNorm tuning", \
     '05-lora-peft-family.dat' index 5 using 1:2 with points lt 6 title "LoRA r = 8 (q,k,v,o)", \
     '05-lora-peft-family.dat' index 6 using 1:2 with points lt 7 title "LoRA r = 8 (all linear)"
